"""The cart's keys in the session; views never touch the raw session for the cart."""
from __future__ import annotations

from typing import Optional

from django.http import HttpRequest

from .selectors import Cart, get_cart

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


def current_cart(request: HttpRequest) -> Optional[Cart]:
    """The session's cart; a token Saleor no longer knows (an order was placed) is dropped."""
    session = CartSession(request)
    cart = get_cart(session.token)
    if cart is None and session.token:
        session.forget()
    return cart
