from functools import wraps

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cart.session import CartSession, current_cart

from . import completion, services
from .completion import OutcomeKind, PaymentOutcome
from .forms import DetailsForm, PayForm, PromoCodeForm, ShippingForm, chosen_country


def cart_required(view):
    """Every step needs a cart with something in it (and reads it from Saleor once)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        cart = current_cart(request)
        if cart is None or cart.is_empty:
            messages.error(request, "Your cart is empty. Add the QL Claw before checking out.")
            return redirect("cart:page")
        return view(request, cart, *args, **kwargs)

    return never_cache(wrapped)


def _with_field_errors(form, error: services.CheckoutStepError):
    for field, message in error.field_errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, str(error))
    return form


@require_http_methods(["GET", "POST"])
@cart_required
def details(request: HttpRequest, cart) -> HttpResponse:
    initial = {"email": cart.email, "country": settings.SHOP_COUNTRY, **cart.shipping_address}
    country = chosen_country(request.POST or initial, settings.SHOP_COUNTRY)
    if "change_country" in request.POST:
        # The buyer picked another country: the same entries, in that country's fields.
        form = DetailsForm(initial={**request.POST.dict(), "country": country}, country=country)
        return render(request, "checkout/details.html", {"cart": cart, "form": form, "step": 1})
    form = DetailsForm(request.POST or None, initial=initial, country=country)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_details(cart=cart, email=form.cleaned_data["email"], address=form.address())
            return redirect("checkout:shipping")
        except services.CheckoutStepError as error:
            _with_field_errors(form, error)
    return render(request, "checkout/details.html", {"cart": cart, "form": form, "step": 1})


@require_http_methods(["GET", "POST"])
@cart_required
def shipping(request: HttpRequest, cart) -> HttpResponse:
    if not cart.shipping_address or not cart.email:
        return redirect("checkout:details")
    form = ShippingForm(request.POST or None, options=cart.shipping_options, initial={"shipping_method": cart.shipping_method_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_shipping_method(cart=cart, shipping_method_id=form.cleaned_data["shipping_method"])
            return redirect("checkout:payment")
        except services.CheckoutStepError as error:
            _with_field_errors(form, error)
    return render(request, "checkout/shipping.html", {"cart": cart, "form": form, "step": 2})


@csp_update(settings.STRIPE_CSP)  # Stripe.js, its frames and its API on this page only
def _payment_page(request: HttpRequest, cart, *, payment_error="", promo_form=None, client_secret=None, status=200):
    response = render(
        request,
        "checkout/payment.html",
        {
            "cart": cart,
            "step": 3,
            "payment_error": payment_error,
            "promo_form": promo_form or PromoCodeForm(),
            "client_secret": client_secret,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        },
        status=status,
    )
    response.headers["Permissions-Policy"] = PAYMENT_PERMISSIONS_POLICY
    return response


# Stripe's frames may ask for the Payment Request API (wallets); nothing else may, here either.
PAYMENT_PERMISSIONS_POLICY = settings.PERMISSIONS_POLICY.replace(
    "payment=()", "payment=(self " + " ".join(f'"{origin}"' for origin in settings.STRIPE_CSP["frame-src"]) + ")"
)


@require_http_methods(["GET"])
@cart_required
def payment(request: HttpRequest, cart) -> HttpResponse:
    if not cart.shipping_method_id:
        return redirect("checkout:shipping")
    return _payment_page(request, cart)


@require_POST
@cart_required
def promo_code(request: HttpRequest, cart) -> HttpResponse:
    if request.POST.get("remove") and cart.voucher_code:
        services.remove_promo_code(cart=cart)
        messages.success(request, "The promo code was removed.")
        return redirect("checkout:payment")
    form = PromoCodeForm(request.POST)
    if form.is_valid():
        try:
            services.apply_promo_code(cart=cart, code=form.cleaned_data["code"])
            messages.success(request, "Your promo code was applied.")
            return redirect("checkout:payment")
        except services.CheckoutStepError as error:
            _with_field_errors(form, error)
    return _payment_page(request, cart, promo_form=form, status=400)


@require_POST
@never_cache
def pay(request: HttpRequest) -> HttpResponse:
    form = PayForm(request.POST)
    if not form.is_valid():
        cart = current_cart(request)
        if cart is None:
            return redirect("cart:page")
        return _payment_page(request, cart, payment_error=form.errors["payment_token"][0], status=400)
    landing = CartSession(request).landing
    return _after_payment(request, _attempt(
        request, lambda token: completion.pay(cart_token=token, landing=landing, **form.cleaned_data)
    ))


@require_POST
@never_cache
def confirm(request: HttpRequest) -> HttpResponse:
    """The browser comes back here after Stripe.js ran 3-D Secure."""
    return _after_payment(request, _attempt(request, lambda token: completion.confirm(cart_token=token)))


@require_safe
@never_cache
def confirming(request: HttpRequest) -> HttpResponse:
    """Saleor did not answer in time: this page reloads itself until the order is known."""
    token = CartSession(request).token
    if not token:
        return redirect("cart:page")
    outcome = completion.outcome_so_far(token)
    if outcome is None:
        return render(request, "checkout/confirming.html", {"refresh_seconds": CONFIRMING_REFRESH_SECONDS})
    return _after_payment(request, outcome)


# How often the confirming page asks again (seconds).
CONFIRMING_REFRESH_SECONDS = 3


def _attempt(request: HttpRequest, action) -> PaymentOutcome:
    token = CartSession(request).token
    if not token:
        return PaymentOutcome(OutcomeKind.GONE, message=completion.GONE_MESSAGE)
    try:
        return action(token)
    except completion.CheckoutStepError as error:
        return PaymentOutcome(OutcomeKind.DECLINED, message=str(error))


def _after_payment(request: HttpRequest, outcome: PaymentOutcome) -> HttpResponse:
    if outcome.kind is OutcomeKind.COMPLETED:
        CartSession(request).forget()
        return redirect(f"{reverse('orders:status', kwargs={'token': outcome.order_token})}?placed=1")
    if outcome.kind is OutcomeKind.CONFIRMING:
        return redirect("checkout:confirming")
    if outcome.kind in (OutcomeKind.SOLD_OUT, OutcomeKind.GONE):
        messages.error(request, outcome.message)
        return redirect("cart:page")
    cart = current_cart(request)
    if cart is None:
        return redirect("cart:page")
    if outcome.kind is OutcomeKind.AUTHENTICATE:
        return _payment_page(request, cart, client_secret=outcome.client_secret)
    return _payment_page(request, cart, payment_error=outcome.message, status=402)
