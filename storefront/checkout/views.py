from functools import wraps
from typing import Any, Callable

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from analytics.services import count_checkout_started
from cart.selectors import Cart
from cart.session import CartSession, current_cart
from catalog.templatetags.money import money
from reminders.selectors import reminder_refused
from reminders.services import note_checkout_email
from scriptguard.csp import limit_scripts_to_inventory
from waiting_room.decorators import admitted_to_checkout
from waiting_room.session import leave_checkout

from . import completion, services
from .forms import TYPED_KEPT, DetailsForm, PayForm, PromoCodeForm, ShippingForm, chosen_country
from .outcomes import GONE_MESSAGE, OutcomeKind, PaymentOutcome
from .session import CheckoutNotes, PaymentNote


def cart_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every step needs a cart with something in it (and reads it from Saleor once)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cart = current_cart(request)
        if cart is None or cart.is_empty:
            messages.error(request, "Your cart is empty. Add the QL Claw before checking out.")
            return redirect("cart:page")
        return view(request, cart, *args, **kwargs)

    return never_cache(wrapped)


def _with_field_errors(form: Form, error: services.CheckoutStepError) -> Form:
    for field, message in error.field_errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, str(error))
    return form


@require_http_methods(["GET", "POST"])
@admitted_to_checkout
@cart_required
def details(request: HttpRequest, cart: Cart) -> HttpResponse:
    """The one-page checkout: e-mail, address, shipping method, summary, promo code and card."""
    if request.method == "POST":
        return _details_sent(request, cart)
    notes = CheckoutNotes(request)
    note = notes.take_for_details()
    if note is not None:
        # Back from a POST: what was typed, with every error found (or another country's fields).
        country = chosen_country(note.data, settings.SHOP_COUNTRY)
        form = DetailsForm.refused(note.data, note.errors, country=country) if note.errors else \
            DetailsForm(initial=note.data, country=country)
    else:
        form = _saved_details_form(cart)
    _count_checkout_started(request, cart)
    return _checkout_page(request, cart, form, notes.take_for_payment())


def _saved_details_form(cart: Cart) -> DetailsForm:
    country = chosen_country(cart.shipping_address, settings.SHOP_COUNTRY)
    initial = {"email": cart.email, "country": country, **DetailsForm.initial_from(cart.shipping_address, country),
               "no_reminder": reminder_refused(cart.token)}
    return DetailsForm(initial=initial, country=country)


def _count_checkout_started(request: HttpRequest, cart: Cart) -> None:
    """Counted by the server, once per cart: the checkout page takes the card, so no counting
    script runs on it."""
    if request.session.get(STARTED_KEY) != cart.token:
        request.session[STARTED_KEY] = cart.token
        count_checkout_started(landing_page=CartSession(request).landing[0])


STARTED_KEY = "checkout_started"


def _checkout_page(request: HttpRequest, cart: Cart, form: DetailsForm, note: PaymentNote) -> HttpResponse:
    response = render(
        request,
        "checkout/details.html",
        {
            "cart": cart,
            "form": form,
            "payment_error": note.payment_error,
            "promo_form": PromoCodeForm.refused(note.promo_code, note.promo_error) if note.promo_error else PromoCodeForm(),
            "client_secret": note.client_secret,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        },
    )
    # Stripe.js, its frames and its API on this page only; no script that is not listed.
    return limit_scripts_to_inventory(response, "checkout:details")


def _details_sent(request: HttpRequest, cart: Cart) -> HttpResponse:
    """One submit saves the address and the shipping method. The page's script sends it with
    fetch and gets JSON (the new options, summary and total, or the form with every error);
    without JavaScript it is a form POST answered with a redirect (POST/redirect/GET)."""
    notes = CheckoutNotes(request)
    typed = DetailsForm.typed(request.POST)
    wants_json = _wants_json(request)
    if "change_country" in request.POST:
        # The buyer picked another country: the same entries, in that country's fields.
        if wants_json:
            form = DetailsForm(initial=typed, country=chosen_country(typed, settings.SHOP_COUNTRY))
            return JsonResponse({"fields_html": _fields_html(request, form)})
        notes.leave_for_details(data=typed, errors={})
        return redirect("checkout:details")
    form = DetailsForm(request.POST, country=chosen_country(request.POST, settings.SHOP_COUNTRY))
    if form.is_valid():
        try:
            saved = services.set_details_and_shipping(
                cart=cart, email=form.cleaned_data["email"], address=form.address(),
                shipping_method_id=str(request.POST.get("shipping_method", ""))[:TYPED_KEPT],
            )
            note_checkout_email(checkout_token=cart.token, email=form.cleaned_data["email"],
                                wanted=not form.cleaned_data["no_reminder"])
            if wants_json:
                return JsonResponse(_saved_answer(request, saved))
            return redirect("checkout:details")
        except services.CheckoutStepError as error:
            _with_field_errors(form, error)
    errors = {field: list(messages) for field, messages in form.errors.items()}
    if wants_json:
        refused = DetailsForm.refused(typed, errors, country=form.country_code)
        return JsonResponse({"error": "Please correct the highlighted fields.", "errors": errors,
                             "fields_html": _fields_html(request, refused)}, status=400)
    notes.leave_for_details(data=typed, errors=errors)
    return redirect("checkout:details")


def _fields_html(request: HttpRequest, form: DetailsForm) -> str:
    return render_to_string("checkout/_details_fields.html", {"form": form}, request=request)


def _saved_answer(request: HttpRequest, cart: Cart) -> dict:
    """What the page redraws after a save, and the figures, all from Saleor's answer."""
    context = {"cart": cart}
    currency = cart.total.currency
    return {
        "shipping_method_id": cart.shipping_method_id or "",
        "shipping_options": [{"id": option.id, "name": option.name, "price": str(option.price.amount),
                              "currency": option.price.currency} for option in cart.shipping_options],
        "totals": {"subtotal": str(cart.subtotal.amount), "shipping": str(cart.shipping.amount),
                   "tax": str(cart.tax.amount), "discount": str(cart.discount.amount if cart.discount else 0),
                   "total": str(cart.total.amount), "currency": currency},
        "pay_label": f"Pay {money(cart.total.amount, currency)}",
        "shipping_html": render_to_string("checkout/_shipping_options.html", context, request=request),
        "summary_html": render_to_string("checkout/_summary.html", context, request=request),
        "summary_bar_html": render_to_string("checkout/_summary_bar.html", context, request=request),
    }


@require_http_methods(["GET", "POST"])
@admitted_to_checkout
@cart_required
def shipping(request: HttpRequest, cart: Cart) -> HttpResponse:
    """The old shipping step: links and bookmarks land on the checkout page; a form sent here
    still sets the method."""
    if request.method == "GET":
        return redirect("checkout:details")
    if not cart.shipping_address or not cart.email:
        return redirect("checkout:details")
    form = ShippingForm(request.POST, options=cart.shipping_options)
    if form.is_valid():
        try:
            services.set_shipping_method(cart=cart, shipping_method_id=form.cleaned_data["shipping_method"])
            return redirect("checkout:details")
        except services.CheckoutStepError as error:
            _with_field_errors(form, error)
    for errors in form.errors.values():
        messages.error(request, errors[0])
    return redirect("checkout:details")  # POST/redirect/GET: the refusal comes as a message


# What a buyer whose card was refused can do, after the card's or the bank's own words.
CARD_REFUSED_ADVICE = "Please try another card, or contact your bank to approve the payment."


@require_http_methods(["GET"])
@never_cache
def payment(request: HttpRequest) -> HttpResponse:
    """The old payment step: the card is on the checkout page now."""
    return redirect("checkout:details")


@require_POST
@admitted_to_checkout
@cart_required
def promo_code(request: HttpRequest, cart: Cart) -> HttpResponse:
    try:
        if request.POST.get("remove") and cart.voucher_code:
            services.remove_promo_code(cart=cart)
            messages.success(request, "The promo code was removed.")
            return redirect("checkout:details")
        form = PromoCodeForm(request.POST)
        if form.is_valid():
            services.apply_promo_code(cart=cart, code=form.cleaned_data["code"])
            messages.success(request, "Your promo code was applied.")
            return redirect("checkout:details")
        CheckoutNotes(request).leave_for_payment(promo_code=request.POST.get("code", "")[:100],
                                                 promo_error=form.errors["code"][0])
    except services.CheckoutStepError as error:
        if error.field_errors:
            CheckoutNotes(request).leave_for_payment(promo_code=request.POST.get("code", "")[:100],
                                                     promo_error=error.field_errors["code"])
        else:
            messages.error(request, str(error))
    return redirect("checkout:details")


@require_POST
@never_cache
def pay(request: HttpRequest) -> HttpResponse:
    form = PayForm(request.POST)
    if not form.is_valid():
        message = form.errors["payment_token"][0]
        if request.POST.get("payment_token"):  # not what Stripe.js gives: garbage
            return _refusal(request, message, status=400)
        return _after_payment(request, PaymentOutcome(OutcomeKind.DECLINED, message=message))
    landing = CartSession(request).landing
    return _after_payment(request, _attempt(
        request, lambda token: completion.pay(cart_token=token, landing=landing, **form.cleaned_data)
    ))


@require_POST
@never_cache
def confirm(request: HttpRequest) -> HttpResponse:
    """The browser comes back here after Stripe.js ran 3-D Secure."""
    return _after_payment(request, _attempt(request, lambda token: completion.confirm(cart_token=token)))


def _wants_json(request: HttpRequest) -> bool:
    """The checkout page's scripts save and pay in place (fetch), without leaving the page."""
    return request.headers.get("Accept", "").startswith("application/json")


def _refusal(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    cart = current_cart(request)
    if cart is None:
        return redirect("cart:page")
    response = _checkout_page(request, cart, _saved_details_form(cart), PaymentNote(payment_error=message))
    response.status_code = status
    return response


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


def _attempt(request: HttpRequest, action: Callable[[str], PaymentOutcome]) -> PaymentOutcome:
    token = CartSession(request).token
    if not token:
        return PaymentOutcome(OutcomeKind.GONE, message=GONE_MESSAGE)
    try:
        return action(token)
    except completion.CheckoutStepError as error:
        return PaymentOutcome(OutcomeKind.DECLINED, message=str(error))


def _after_payment(request: HttpRequest, outcome: PaymentOutcome) -> HttpResponse:
    """Every outcome is a redirect (POST/redirect/GET), or for the payment step's script the
    same as JSON for the checkout page's script: where to go next, the 3-D Secure step, or the refusal to show at the card."""
    notes = CheckoutNotes(request)
    if outcome.kind is OutcomeKind.COMPLETED:
        CartSession(request).forget()
        target = f"{reverse('orders:status', kwargs={'token': outcome.order_token})}?placed=1"
    elif outcome.kind is OutcomeKind.CONFIRMING:
        target = reverse("checkout:confirming")
    elif outcome.kind in (OutcomeKind.SOLD_OUT, OutcomeKind.GONE):
        messages.error(request, outcome.message)
        leave_checkout(request)
        target = reverse("cart:page")
    elif outcome.kind is OutcomeKind.AUTHENTICATE:
        if _wants_json(request):
            return JsonResponse({"client_secret": outcome.client_secret, "confirm_url": reverse("checkout:confirm")})
        notes.leave_for_payment(client_secret=outcome.client_secret or "")
        target = reverse("checkout:details")
    else:
        message = f"{outcome.message} {CARD_REFUSED_ADVICE}" if outcome.card_refused else outcome.message
        if _wants_json(request):
            return JsonResponse({"error": message, "card_refused": outcome.card_refused}, status=402)
        notes.leave_for_payment(payment_error=message)
        target = reverse("checkout:details")
    if _wants_json(request):
        return JsonResponse({"next": target})
    return redirect(target)
