from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cart.selectors import get_cart
from cart.services import CartError
from cart.session import CartSession

from .services import restore_cart
from .tokens import read_cart_link


@require_safe
@never_cache
def return_to_cart(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a reminder: puts that cart's items in a new cart in this browser, whichever
    device the buyer uses. Never the reminded checkout itself: whoever holds a link (a forwarded
    mail, a stranger it was sent on to) must not type their address into another's checkout,
    nor read what was typed there."""
    checkout_token = read_cart_link(token)
    cart = get_cart(checkout_token) if checkout_token else None
    if cart is None or not cart.lines:
        return render(request, "reminders/link_invalid.html", {"link_days": settings.CART_REMINDER_LINK_DAYS}, status=400)
    session = CartSession(request)
    try:
        restored = restore_cart(source=cart, already_restored=session.token)
    except CartError as error:
        return render(request, "reminders/link_invalid.html",
                      {"link_days": settings.CART_REMINDER_LINK_DAYS, "reason": str(error)}, status=400)
    session.remember(restored.token, restored.quantity)
    return redirect("cart:page")
