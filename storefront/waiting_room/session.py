"""The session's note of the cart let into checkout, so that the request which empties it (or
swaps it for another cart) also gives its room to the next in line."""
from __future__ import annotations

import logging
from typing import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from cart.session import CartSession

from . import services

logger = logging.getLogger(__name__)

PLACE_KEY = "checkout_place"


def remember_place(request: HttpRequest, cart_token: str) -> None:
    if request.session.get(PLACE_KEY) != cart_token:
        request.session[PLACE_KEY] = cart_token


def leave_checkout(request: HttpRequest) -> None:
    """The buyer was sent back to the cart without an order (sold out): the room they held goes to
    the next in line now, not at the idle timeout; coming back to checkout joins the line again."""
    held = request.session.pop(PLACE_KEY, None)
    if held:
        _end_place(held)


def _end_place(cart_token: str) -> None:
    try:
        services.end_place(cart_token=cart_token)
    except DatabaseError:
        # The idle timeout ends it instead; the buyer's own answer is not spoilt for it.
        logger.warning("Could not end a checkout place; it lapses at the idle timeout")


class EndPlaceMiddleware:
    """After a request that touched the session: if the cart let in was emptied or replaced by
    another, its place ends now rather than at the idle timeout. A cart the session forgot has
    been ordered: the next admission ends its place (services._end_lapsed reads the order), so
    the Pay request carries no extra query. Pages that never read the session are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        held = session.get(PLACE_KEY)
        cart = CartSession(request)
        if not held or (cart.token == held and cart.quantity):
            return response
        del session[PLACE_KEY]
        if cart.token:
            _end_place(held)
        return response
