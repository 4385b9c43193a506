from __future__ import annotations

import uuid
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from cart.session import CartSession

from . import services
from .session import remember_place


def admitted_to_checkout(view):
    """A checkout page for carts let in (services.enter_checkout); others go to their place in
    line. Reads only the session and the storefront's database: no Saleor call for a buyer who
    waits. A request without a cart passes on to the view, which sends it to the cart."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        cart = CartSession(request)
        if not _is_cart_token(cart.token) or not cart.quantity:
            return view(request, *args, **kwargs)
        entry = services.enter_checkout(cart_token=cart.token)
        if not entry.admitted:
            return redirect("waiting_room:place", token=entry.place_token)
        remember_place(request, cart.token)
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _is_cart_token(token: object) -> bool:
    try:
        uuid.UUID(str(token))
    except ValueError:
        return False
    return bool(token)
