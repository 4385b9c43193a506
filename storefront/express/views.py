"""The JSON endpoints the Express Checkout Element's events call (static/js/express.js).
Each answers JSON: the sheet's figures, or `{"error": words}` with a 4xx status."""
from __future__ import annotations

import json
from functools import wraps
from typing import Any, Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from cart.session import CartSession, cart_on_page
from catalog.selectors import product_card
from checkout import completion, outcomes
from checkout.outcomes import OutcomeKind, PaymentOutcome
from saleor_client.errors import SaleorError
from shared_cache.decorators import same_origin_post
from shipping.selectors import home_zone, zone_for_country

from . import services
from .forms import AddressForm, MethodForm, PayForm, StartForm
from .selectors import opening_sheet_for_cart, opening_sheet_for_product, shipped_to
from .session import ExpressSession

MAX_BODY_BYTES = 8 * 1024
# What a buyer whose card was refused can do (the card form says the same).
CARD_REFUSED_ADVICE = "Please try another card, or contact your bank to approve the payment."
CONFIRMING_REFRESH_SECONDS = 3


def _error(message: str, status: int, **headers: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, headers=headers or None)


def wallet_call(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """POST from the shop's own pages (Origin checked: the product page is served to shared
    caches and carries no CSRF token), rate-limited per visitor, a small JSON object as body;
    Saleor out of reach is a 503 the sheet can show."""

    @require_POST
    @never_cache
    @same_origin_post
    @wraps(view)
    def wrapped(request: HttpRequest) -> HttpResponse:
        if is_ratelimited(request, group="express", key="ip", rate=settings.EXPRESS_CALLS_PER_IP, increment=True):
            return _error("Too many tries from your address. Please wait a minute.", 429, **{"Retry-After": "60"})
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return _error(f"The details sent are larger than {MAX_BODY_BYTES} bytes.", 413)
        if request.content_type != "application/json":
            return _error("Send the wallet's details as application/json.", 415)
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return _error("The details sent are not valid JSON.", 400)
        if not isinstance(body, dict):
            return _error("The details sent must be a JSON object.", 400)
        try:
            return view(request, body)
        except services.ExpressRefusal as refusal:
            return _error(str(refusal), refusal.status)
        except SaleorError:
            return _error("The shop can't reach its prices and stock right now. Nothing was charged. "
                          "Please try again in a minute.", 503, **{"Retry-After": "30"})

    return wrapped


def _refused(form: forms.Form) -> JsonResponse:
    return _error(" ".join(errors[0] for errors in form.errors.values()), 400)


@wallet_call
def start(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    """The click: what the sheet opens with (before an address, the shop country's rates)."""
    form = StartForm(body)
    if not form.is_valid():
        return _refused(form)
    if form.cleaned_data["source"] == "product":
        product, quantity = product_card(form.cleaned_data["product"]), form.cleaned_data["quantity"] or 1
        if product is None or not product.variant_id:
            return _error("There is no such product.", 404)
        if quantity > product.quantity_available:
            return _error("Sold out for now." if not product.in_stock else f"Only {product.quantity_available} left.", 409)
        what: dict[str, Any] = {"source": "product", "variant_id": product.variant_id, "quantity": quantity}
        sheet = opening_sheet_for_product(product, quantity, home_zone())
    else:
        cart = cart_on_page(request)
        if cart is None or cart.is_empty:
            return _error("Your cart is empty. Add the QL Claw first.", 409)
        if cart.has_unavailable_lines:
            return _error("An item in your cart is no longer sold. Please remove it first.", 409)
        # The sheet pays for the lines it opened with, whatever the cart becomes meanwhile.
        what = {"source": "cart", "cart_token": cart.token, "voucher_code": cart.voucher_code,
                "lines": [[line.variant_id, line.quantity] for line in cart.lines]}
        sheet = opening_sheet_for_cart(cart, zone_for_country(settings.SHOP_COUNTRY))
    ExpressSession(request).start(what)
    return JsonResponse({**sheet.as_stripe(), "allowedShippingCountries": list(shipped_to()),
                         "emailRequired": True, "shippingAddressRequired": True, "phoneNumberRequired": False})


def _sheet_token(request: HttpRequest) -> str:
    """The sheet's Saleor checkout, made from what the click chose when first needed."""
    express = ExpressSession(request)
    if express.token:
        return express.token
    if express.what is None:
        raise services.ExpressRefusal("The payment sheet was not opened from the shop. Please start again.", status=409)
    token = services.open_checkout(what=express.what)
    express.remember(token)
    return token


@wallet_call
def address(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    form = AddressForm(body)
    if not form.is_valid():
        return _refused(form)
    sheet = services.price_for_address(token=_sheet_token(request), address=form.wallet_address())
    return JsonResponse(sheet.as_stripe())


@wallet_call
def method(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    form = MethodForm(body)
    if not form.is_valid():
        return _refused(form)
    express = ExpressSession(request)
    if not express.token:
        return _error("Choose an address in the payment sheet first.", 409)
    return JsonResponse(services.choose_method(token=express.token, shipping_method_id=form.cleaned_data["shipping_method"]).as_stripe())


@wallet_call
def pay(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    """The buyer paid in the sheet: answered like the card form's script (next / client_secret / error)."""
    form = PayForm(body)
    if not form.is_valid():
        return _refused(form)
    express = ExpressSession(request)
    if not express.token:
        return _error("Choose an address in the payment sheet first. Nothing was charged.", 409)
    data = form.cleaned_data
    outcome = services.pay(
        token=express.token, email=data["email"], name=data["name"], address=form.wallet_address(), phone=data["phone"],
        shipping_method_id=data["shipping_method"], payment_method=data["payment_method"], amount=data["amount"],
        landing=CartSession(request).landing)
    return _answer(request, outcome)


@wallet_call
def confirm(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    """Back from the bank's check (3-D Secure, run by Stripe.js' handleNextAction)."""
    token = ExpressSession(request).token
    if not token:
        return _error("This wallet payment is no longer open.", 409)
    return _answer(request, completion.confirm(cart_token=token))


def _answer(request: HttpRequest, outcome: PaymentOutcome) -> JsonResponse:
    if outcome.kind is OutcomeKind.COMPLETED:
        _forget_bought(request)
        return JsonResponse({"next": f"{reverse('orders:status', kwargs={'token': outcome.order_token})}?placed=1"})
    if outcome.kind is OutcomeKind.CONFIRMING:
        return JsonResponse({"next": reverse("express:confirming")})
    if outcome.kind is OutcomeKind.AUTHENTICATE:
        return JsonResponse({"client_secret": outcome.client_secret, "confirm_url": reverse("express:confirm")})
    if outcome.kind in (OutcomeKind.SOLD_OUT, OutcomeKind.GONE):
        return JsonResponse({"error": outcome.message, "sold_out": outcome.kind is OutcomeKind.SOLD_OUT}, status=409)
    message = f"{outcome.message} {CARD_REFUSED_ADVICE}" if outcome.card_refused else outcome.message
    return JsonResponse({"error": message, "card_refused": outcome.card_refused}, status=402)


def _forget_bought(request: HttpRequest) -> None:
    """The sheet's checkout is an order now; when it held the cart's lines, those units leave the cart."""
    express = ExpressSession(request)
    what = express.what or {}
    if what.get("source") == "cart":
        lines = list(what.get("lines") or [])
        services.retire_bought_cart(cart_token=str(what["cart_token"]), lines=lines)
        cart = CartSession(request)
        left = cart.quantity - sum(int(quantity) for _, quantity in lines)
        if left > 0 and cart.token == what["cart_token"]:
            cart.remember(str(what["cart_token"]), left)  # added since the sheet opened: still in the cart
        else:
            cart.forget()
    express.forget()


@require_safe
@never_cache
def confirming(request: HttpRequest) -> HttpResponse:
    """Saleor did not answer in time: this page reloads itself until the order is known."""
    token = ExpressSession(request).token
    outcome = completion.outcome_so_far(token) if token else outcomes.gone()
    if outcome is None:
        return render(request, "checkout/confirming.html", {"refresh_seconds": CONFIRMING_REFRESH_SECONDS})
    if outcome.kind is OutcomeKind.COMPLETED:
        _forget_bought(request)
        return redirect(f"{reverse('orders:status', kwargs={'token': outcome.order_token})}?placed=1")
    messages.error(request, outcome.message)
    return redirect("cart:page")
