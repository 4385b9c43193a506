"""The checkout steps and the payment, as actions with one outcome each.

Completion (pay, confirm after 3-D Secure, or a Stripe webhook) always goes through
`_complete_locked`: under the completion lock, with the CheckoutAttempt row consulted first,
so a payment that succeeded becomes exactly one order, and a checkout is never charged twice.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from django.conf import settings

from cart.selectors import Cart, cart_from_saleor, get_cart
from saleor_client.client import saleor, saleor_as_storefront_app
from saleor_client.errors import SaleorError, SaleorValidationError, raise_for_errors
from saleor_client.generated.input_types import AddressInput

from . import emails
from .locks import checkout_lock, lock_variants
from .models import CheckoutAttempt

logger = logging.getLogger(__name__)

SOLD_OUT_MESSAGE = (
    "Sorry, someone bought the last one just before you. Your card has not been charged."
)
GONE_MESSAGE = "This checkout is no longer open. Your cart may already have been ordered."
EMPTY_MESSAGE = "Your cart is empty. Add the QL Claw before checking out."


class CheckoutStepError(Exception):
    """A checkout step Saleor refused; `field_errors` map our form fields to messages."""

    def __init__(self, message: str, field_errors: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}


# Saleor's field names (camelCase) -> the address form's fields.
SALEOR_FIELDS = {
    "email": "email",
    "firstName": "first_name",
    "lastName": "last_name",
    "companyName": "company_name",
    "streetAddress1": "street_address_1",
    "streetAddress2": "street_address_2",
    "city": "city",
    "cityArea": "city",
    "postalCode": "postal_code",
    "country": "country",
    "countryArea": "country_area",
    "phone": "phone",
}
FIELD_MESSAGES = {
    "postal_code": "This postal code doesn't match the format used in the chosen country.",
    "country_area": "Please choose a valid state, province or region for this country.",
    "country": "We can't ship to this country. Please choose one from the list.",
    "phone": "Please enter a valid phone number, including the country code (e.g. +1).",
    "email": "Please enter a valid e-mail address.",
    "city": "Please check the city name.",
    "street_address_1": "Please enter your street address.",
}
REQUIRED_MESSAGE = "This field is required for the chosen country."


def _field_errors(error: SaleorValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for field_error in error.errors:
        field = SALEOR_FIELDS.get(field_error.field or "", "__all__")
        if field in found:
            continue
        if field_error.code == "REQUIRED":
            found[field] = REQUIRED_MESSAGE
        else:
            found[field] = FIELD_MESSAGES.get(field, "Please check this field.")
    return found


def set_details(*, cart: Cart, email: str, address: dict[str, str]) -> Cart:
    """E-mail plus shipping address (also used for billing), validated by Saleor per country."""
    result = saleor().checkout_set_details(
        checkout_id=cart.id,
        email=email,
        address=AddressInput(**{_camel(name): value for name, value in address.items()}),
    )
    try:
        raise_for_errors(
            result.checkout_email_update.checkout_errors,
            result.checkout_shipping_address_update.checkout_errors,
            result.checkout_billing_address_update.checkout_errors,
        )
    except SaleorValidationError as error:
        raise CheckoutStepError("Please correct the highlighted fields.", _field_errors(error)) from error
    return cart_from_saleor(result.checkout_billing_address_update.checkout)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def set_shipping_method(*, cart: Cart, shipping_method_id: str) -> Cart:
    if shipping_method_id not in {option.id for option in cart.shipping_options}:
        raise CheckoutStepError("Please choose one of the shipping methods shown.")
    result = saleor().checkout_set_shipping_method(checkout_id=cart.id, shipping_method_id=shipping_method_id)
    try:
        raise_for_errors(result.checkout_shipping_method_update.checkout_errors)
    except SaleorValidationError as error:
        raise CheckoutStepError("This shipping method isn't available for your address.") from error
    return cart_from_saleor(result.checkout_shipping_method_update.checkout)


def apply_promo_code(*, cart: Cart, code: str) -> Cart:
    result = saleor().checkout_add_promo_code(checkout_id=cart.id, promo_code=code)
    try:
        raise_for_errors(result.checkout_add_promo_code.checkout_errors)
    except SaleorValidationError as error:
        if "VOUCHER_NOT_APPLICABLE" in error.codes:
            message = "This code can't be used for this order."
        else:
            message = "We don't recognise this code. Please check it and try again."
        raise CheckoutStepError(message, {"code": message}) from error
    return cart_from_saleor(result.checkout_add_promo_code.checkout)


def remove_promo_code(*, cart: Cart) -> Cart:
    result = saleor().checkout_remove_promo_code(checkout_id=cart.id, promo_code=cart.voucher_code)
    raise_for_errors(result.checkout_remove_promo_code.checkout_errors)
    return cart_from_saleor(result.checkout_remove_promo_code.checkout)


# Payment -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PaymentOutcome:
    """completed | authenticate | declined | sold_out | gone"""

    kind: str
    order_token: Optional[str] = None
    client_secret: Optional[str] = None
    message: str = ""


def pay(*, cart_token: str, payment_token: str) -> PaymentOutcome:
    """Pay for the checkout with a Stripe PaymentMethod or card token from the browser."""
    return _under_lock(cart_token, payment_token=payment_token)


def confirm(*, cart_token: str) -> PaymentOutcome:
    """Finish a checkout whose payment was authenticated (3-D Secure) or succeeded at Stripe."""
    return _under_lock(cart_token, payment_token=None)


def _under_lock(cart_token: str, payment_token: Optional[str]) -> PaymentOutcome:
    finished = _finished_outcome(cart_token)
    if finished:
        return finished
    with checkout_lock(cart_token):
        attempt, _ = CheckoutAttempt.objects.select_for_update().get_or_create(checkout_token=cart_token)
        if attempt.order_token:
            return PaymentOutcome("completed", order_token=str(attempt.order_token))
        # Read inside the lock: another completion of this checkout may have just finished.
        cart = get_cart(cart_token)
        if cart is None:
            return PaymentOutcome("gone", message=GONE_MESSAGE)
        if cart.is_empty:
            return PaymentOutcome("gone", message=EMPTY_MESSAGE)
        lock_variants(line.variant_id for line in cart.lines)
        if payment_token is not None:
            _create_payment(attempt, cart, payment_token)
        elif not attempt.saleor_payment_id:
            return PaymentOutcome("declined", message="Please enter your card details to pay.")
        return _complete_locked(attempt, cart)


def _finished_outcome(cart_token: str) -> Optional[PaymentOutcome]:
    attempt = CheckoutAttempt.objects.filter(checkout_token=cart_token).first()
    if attempt and attempt.order_token:
        return PaymentOutcome("completed", order_token=str(attempt.order_token))
    return None


def _create_payment(attempt: CheckoutAttempt, cart: Cart, payment_token: str) -> None:
    result = saleor().checkout_payment_create(
        checkout_id=cart.id, gateway=settings.SALEOR_PAYMENT_GATEWAY, token=payment_token
    ).checkout_payment_create
    try:
        raise_for_errors(result.payment_errors)
    except SaleorValidationError as error:
        raise CheckoutStepError("Please complete your address and shipping method first.") from error
    attempt.saleor_payment_id = result.payment.id
    attempt.status = CheckoutAttempt.Status.STARTED
    attempt.save(update_fields=["saleor_payment_id", "status", "updated"])


def _complete_locked(attempt: CheckoutAttempt, cart: Cart) -> PaymentOutcome:
    try:
        result = saleor().checkout_complete(checkout_id=cart.id).checkout_complete
    except SaleorError:
        # The card may have been authorized before Saleor failed: release it.
        _void_unordered_payment(attempt)
        raise
    try:
        raise_for_errors(result.checkout_errors)
    except SaleorValidationError as error:
        return _refused(attempt, error)
    if result.order is not None:
        return _order_placed(attempt, result.order)
    if result.confirmation_needed:
        return _needs_authentication(attempt)
    _void_unordered_payment(attempt)
    return PaymentOutcome("declined", message="The payment could not be completed. Please try again.")


def _refused(attempt: CheckoutAttempt, error: SaleorValidationError) -> PaymentOutcome:
    message = error.errors[0].message
    if "INSUFFICIENT_STOCK" in error.codes:
        # Saleor checks stock before it charges, and the lock makes that check reliable.
        attempt.status, attempt.last_error = CheckoutAttempt.Status.SOLD_OUT, message
        attempt.save(update_fields=["status", "last_error", "updated"])
        return PaymentOutcome("sold_out", message=SOLD_OUT_MESSAGE)
    if "PAYMENT_ERROR" in error.codes:
        attempt.status, attempt.last_error = CheckoutAttempt.Status.DECLINED, message
        attempt.save(update_fields=["status", "last_error", "updated"])
        return PaymentOutcome("declined", message=message or "Your card was declined.")
    attempt.last_error = str(error)
    attempt.save(update_fields=["last_error", "updated"])
    raise CheckoutStepError("Please check your address and shipping method, then try again.")


def _payment(attempt: CheckoutAttempt):
    return saleor_as_storefront_app().payment_for_completion(id=attempt.saleor_payment_id).payment


def _needs_authentication(attempt: CheckoutAttempt) -> PaymentOutcome:
    payment = _payment(attempt)
    pending = [t for t in payment.transactions or [] if t and t.is_success and (t.gateway_response or {}).get("client_secret")]
    if not pending:
        return PaymentOutcome("declined", message="The payment could not be started. Please try again.")
    response = pending[-1].gateway_response
    attempt.payment_intent_id = response["intent_id"]
    attempt.status = CheckoutAttempt.Status.NEEDS_AUTHENTICATION
    attempt.save(update_fields=["payment_intent_id", "status", "updated"])
    return PaymentOutcome("authenticate", client_secret=response["client_secret"])


def _order_placed(attempt: CheckoutAttempt, order) -> PaymentOutcome:
    attempt.order_id, attempt.order_token = order.id, order.token
    attempt.status = CheckoutAttempt.Status.COMPLETED
    # Remember the PaymentIntent: later Stripe events (refunds) name only the intent.
    tokens = [t.token for t in _payment(attempt).transactions or [] if t and t.is_success]
    attempt.payment_intent_id = tokens[0] if tokens else attempt.payment_intent_id
    attempt.save(update_fields=["order_id", "order_token", "status", "payment_intent_id", "updated"])
    total = Decimal(str(order.total.gross.amount))
    capture = saleor_as_storefront_app().order_capture(order_id=order.id, amount=total).order_capture
    if capture.order_errors:
        # The order stands with an authorized payment; the shop admin can capture it.
        logger.error("Capture of order %s failed: %s", order.number, capture.order_errors)
    emails.send_order_confirmation(attempt)
    return PaymentOutcome("completed", order_token=str(order.token))


def _void_unordered_payment(attempt: CheckoutAttempt) -> None:
    if not attempt.saleor_payment_id:
        return
    try:
        payment = _payment(attempt)
        authorized = any(t and t.is_success and t.kind.value == "AUTH" for t in payment.transactions or [])
        if payment.order is None and payment.is_active and authorized:
            saleor_as_storefront_app().payment_void(payment_id=payment.id)
            logger.warning("Voided payment %s: no order could be created", payment.id)
    except SaleorError:
        logger.exception("Could not check or void payment %s", attempt.saleor_payment_id)
