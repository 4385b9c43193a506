from __future__ import annotations

import uuid
from functools import wraps
from typing import Any, Callable, Optional

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from cart.session import CartSession
from core.admission import take_work_slot
from core.middleware import shed_response

from . import selectors, services
from .session import remember_place

View = Callable[..., HttpResponse]

SOLD_OUT_AT_THE_DOOR = ("The QL Claw has sold out, so checkout is closed for now. Nothing has been charged; "
                        "your cart keeps it in case more come in.")


def admitted_to_checkout(view: View) -> View:
    """A checkout page for carts let in (services.step_inside, services.join_line); others go
    to their place in line. Reads only the session and the storefront's database: no Saleor call for a buyer who
    waits. Once the QL Claw has sold out, a buyer not yet inside is told so at the door (from
    the catalog's stock, as the queue page does) instead of taking a place or a Saleor read;
    one inside learns it at Pay. A request without a cart passes on to the view, which sends it
    to the cart."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cart = CartSession(request)
        cart_token = _cart_token(cart.token)
        if cart_token is None or not cart.quantity:
            return view(request, *args, **kwargs) if take_work_slot() else shed_response(request)
        if not services.step_inside(cart_token=cart_token):
            if selectors.sold_out():
                messages.error(request, SOLD_OUT_AT_THE_DOOR)
                return redirect("cart:page")
            entry = services.join_line(cart_token=cart_token)
            if not entry.admitted:
                return redirect("waiting_room:place", token=entry.place_token)
        remember_place(request, cart_token)
        # The door runs in the queue's lane; the checkout page itself (Saleor) needs a work slot.
        if not take_work_slot():
            return shed_response(request)
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _cart_token(token: Optional[str]) -> Optional[str]:
    """The session's cart token when it is one (a Saleor checkout token is a UUID)."""
    try:
        return str(uuid.UUID(str(token))) if token else None
    except ValueError:
        return None
