"""The cart's keys in the session; views never touch the raw session for the cart."""
from __future__ import annotations

from typing import Optional

from django.http import HttpRequest

from .selectors import Cart, cart_for_checkout, cart_for_page

TOKEN_KEY = "cart_token"
QUANTITY_KEY = "cart_quantity"
# The visit's first page (and the other site that linked to it), kept only once something is
# added: the order then knows which page brought it. Never a cookie of its own.
LANDING_KEY = "cart_landing"


class CartSession:
    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session

    @property
    def token(self) -> Optional[str]:
        return self.session.get(TOKEN_KEY)

    @property
    def quantity(self) -> int:
        return self.session.get(QUANTITY_KEY, 0)

    @property
    def landing(self) -> tuple[str, str]:
        """(first page, referrer host), or empty strings when the browser did not say."""
        page, referrer = self.session.get(LANDING_KEY) or ("", "")
        return page, referrer

    def remember_landing(self, page: str, referrer: str) -> None:
        if not self.session.get(LANDING_KEY):  # the first add's visit brought the cart
            self.session[LANDING_KEY] = [page, referrer]

    def remember(self, token: str, quantity: int) -> None:
        self.session[TOKEN_KEY] = token
        self.session[QUANTITY_KEY] = quantity

    def forget(self) -> None:
        self.session.pop(TOKEN_KEY, None)
        self.session.pop(QUANTITY_KEY, None)
        self.session.pop(LANDING_KEY, None)


def current_cart(request: HttpRequest) -> Optional[Cart]:
    """The session's cart as the checkout shows it (`cart_for_checkout`); a token Saleor no longer
    knows (an order was placed) is dropped."""
    session = CartSession(request)
    cart = cart_for_checkout(session.token)
    if cart is None and session.token:
        session.forget()
    return cart


def cart_on_page(request: HttpRequest) -> Optional[Cart]:
    """The session's cart as the cart page shows it (the storefront's summary, `cart.summary`)."""
    session = CartSession(request)
    cart = cart_for_page(session.token)
    if cart is None and session.token:
        session.forget()
    return cart
