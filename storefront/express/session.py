"""The express checkout's keys in the session; views never touch the raw session for it.

A wallet sheet pays for its own Saleor checkout (made from the product or the cart when the
wallet first gives an address), so trying addresses in the sheet never changes the cart."""
from __future__ import annotations

from typing import Any, Optional

from django.http import HttpRequest

WHAT_KEY = "express_what"
TOKEN_KEY = "express_token"


class ExpressSession:
    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session

    def start(self, what: dict[str, Any]) -> None:
        """A new sheet: what it buys; its checkout is made when an address first arrives."""
        self.session[WHAT_KEY] = what
        self.session.pop(TOKEN_KEY, None)

    @property
    def what(self) -> Optional[dict[str, Any]]:
        what = self.session.get(WHAT_KEY)
        return what if isinstance(what, dict) else None

    @property
    def token(self) -> Optional[str]:
        token = self.session.get(TOKEN_KEY)
        return token if isinstance(token, str) else None

    def remember(self, token: str) -> None:
        self.session[TOKEN_KEY] = token

    def forget(self) -> None:
        self.session.pop(WHAT_KEY, None)
        self.session.pop(TOKEN_KEY, None)
