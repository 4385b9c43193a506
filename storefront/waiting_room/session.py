"""The session's note of the cart let into checkout, so that the request which places its order
or empties it also gives its room to the next in line."""
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


class EndPlaceMiddleware:
    """After a request that touched the session: if the cart let in is gone (ordered: the cart
    is forgotten) or empty, its place ends now rather than at the idle timeout. Pages that never
    read the session (shared pages) are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return response
        held = session.get(PLACE_KEY)
        cart = CartSession(request)
        if held and (cart.token != held or not cart.quantity):
            del session[PLACE_KEY]
            try:
                services.end_place(cart_token=held)
            except DatabaseError:
                # The idle timeout ends it instead; the buyer's own answer is not spoilt for it.
                logger.warning("Could not end a checkout place; it lapses at the idle timeout")
        return response
