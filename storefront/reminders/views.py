from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cart.selectors import get_cart
from cart.session import CartSession

from .tokens import read_cart_link


@require_safe
@never_cache
def return_to_cart(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a reminder: opens that cart in this browser, whichever device the buyer uses."""
    checkout_token = read_cart_link(token)
    cart = get_cart(checkout_token) if checkout_token else None
    if cart is None or not cart.lines:
        return render(request, "reminders/link_invalid.html", {"link_days": settings.CART_REMINDER_LINK_DAYS}, status=400)
    CartSession(request).remember(cart.token, cart.quantity)
    return redirect("cart:page")
