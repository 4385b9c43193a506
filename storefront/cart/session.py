"""The cart's keys in the session; views never touch the raw session for the cart."""
from __future__ import annotations

from typing import Optional

from django.http import HttpRequest

TOKEN_KEY = "cart_token"
QUANTITY_KEY = "cart_quantity"


class CartSession:
    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session

    @property
    def token(self) -> Optional[str]:
        return self.session.get(TOKEN_KEY)

    @property
    def quantity(self) -> int:
        return self.session.get(QUANTITY_KEY, 0)

    def remember(self, token: str, quantity: int) -> None:
        self.session[TOKEN_KEY] = token
        self.session[QUANTITY_KEY] = quantity

    def forget(self) -> None:
        self.session.pop(TOKEN_KEY, None)
        self.session.pop(QUANTITY_KEY, None)
