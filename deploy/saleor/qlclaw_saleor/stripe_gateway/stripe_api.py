"""Every call this project makes to Stripe from inside Saleor, and nothing else.

PaymentIntents on a pinned API version (the current API has `latest_charge`; the
`charges` list that Saleor 2.10.1's bundled gateway reads was removed in 2022-11-15).
Each call carries an idempotency key derived from the Saleor payment, so a retried
request can never charge twice. Stripe errors never leave this module: they come back
as `StripeFailure` with Stripe's own message for the buyer.
"""
import os
from decimal import Decimal
from typing import Dict, Optional

import stripe

API_VERSION = "2024-06-20"
# Amounts are in the currency's smallest unit; these currencies have none.
ZERO_DECIMAL_CURRENCIES = {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}


class StripeFailure(Exception):
    """`outcome_unknown`: the request may have been carried out (the connection broke, or
    Stripe answered 5xx), so the caller cannot tell whether anything changed at Stripe."""

    def __init__(self, message: str, code: str = "", outcome_unknown: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.outcome_unknown = outcome_unknown


def configure() -> None:
    stripe.api_key = os.environ.get("STRIPE_SECRET_KEY", "")
    stripe.api_version = API_VERSION
    stripe.max_network_retries = 2
    if os.environ.get("STRIPE_API_BASE"):
        # localstripe, the offline Stripe emulator the runner starts when no keys are set
        stripe.api_base = os.environ["STRIPE_API_BASE"]


def to_minor_units(amount: Decimal, currency: str) -> int:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(amount)
    return int((amount * 100).quantize(Decimal("1")))


def from_minor_units(amount: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount)
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.error.CardError as error:
        raise StripeFailure(error.user_message or "Your card was declined.", error.code or "card_declined")
    except stripe.error.StripeError as error:
        raise StripeFailure(
            error.user_message or "The payment could not be processed. Please try again.",
            error.code or type(error).__name__,
            outcome_unknown=isinstance(error, (stripe.error.APIConnectionError, stripe.error.APIError)),
        )


def payment_method_for(token: str) -> str:
    """The browser sends a PaymentMethod (pm_) from Stripe.js, or a card token (tok_) from
    Stripe.js' createToken, which localstripe's stand-in Stripe.js supports; a token's card
    is usable as a PaymentMethod."""
    if token.startswith("tok_"):
        return _call(stripe.Token.retrieve, token).card.id
    return token


def create(*, amount: Decimal, currency: str, payment_method: str, metadata: Dict[str, str], idempotency_key: str):
    """An intent that holds nothing yet (`requires_confirmation`): its id is known before any
    card is touched, so a hold whose answer is lost can still be found and released."""
    # Authorize only: the storefront captures after Saleor created the order, and releases
    # the authorization when no order could be made, so nobody pays without an order.
    return _call(
        stripe.PaymentIntent.create,
        amount=to_minor_units(amount, currency),
        currency=currency.lower(),
        payment_method=payment_method,
        capture_method="manual",
        metadata=metadata,
        idempotency_key=idempotency_key,
    )


def confirm(intent_id: str, idempotency_key: str):
    return _call(stripe.PaymentIntent.confirm, intent_id, idempotency_key=idempotency_key)


def retrieve(intent_id: str):
    return _call(stripe.PaymentIntent.retrieve, intent_id)


def capture(intent_id: str, amount: Optional[Decimal], currency: str, idempotency_key: str):
    params = {"amount_to_capture": to_minor_units(amount, currency)} if amount is not None else {}
    return _call(stripe.PaymentIntent.capture, intent_id, idempotency_key=idempotency_key, **params)


def cancel(intent_id: str, idempotency_key: str):
    return _call(stripe.PaymentIntent.cancel, intent_id, idempotency_key=idempotency_key)


def captured_amount(intent) -> Decimal:
    """What Stripe captured on a succeeded intent (localstripe has no `amount_received`: its
    charge captured the whole amount less any refund made at capture time)."""
    received = intent.get("amount_received")
    if received is None:
        received = int(intent["amount"]) - refunded_so_far(intent)
    return from_minor_units(int(received), intent["currency"])


def refunded_so_far(intent) -> int:
    """Minor units already refunded on the intent's charge (including dashboard refunds)."""
    charge = intent.get("latest_charge")
    if not charge:
        return 0
    if isinstance(charge, str):  # Stripe sends the id; localstripe the expanded charge
        charge = _call(stripe.Charge.retrieve, charge)
    return int(charge.get("amount_refunded") or 0)


def refund(intent_id: str, amount: Decimal, currency: str, idempotency_key: str):
    return _call(
        stripe.Refund.create,
        payment_intent=intent_id,
        amount=to_minor_units(amount, currency),
        idempotency_key=idempotency_key,
    )
