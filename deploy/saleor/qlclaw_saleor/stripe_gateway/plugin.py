"""Saleor payment gateway for Stripe PaymentIntents, configured from the environment.

Saleor 2.10.1 drives it through its gateway interface (saleor/payment/gateway.py):
- process_payment: create and confirm an intent with manual capture. Authorized -> an AUTH
  transaction. 3-D Secure needed -> a successful CAPTURE transaction with action_required,
  which makes Saleor answer `confirmationNeeded` and, on the second checkoutComplete, call
  confirm_payment (it looks the intent up by that CAPTURE transaction's token).
- confirm_payment: after the buyer authenticated, the intent is authorized -> AUTH.
- capture/void/refund: by the intent id of the earlier transaction.
The intent's client secret travels in the transaction's gateway response, which the
storefront reads with its app token to run Stripe.js' 3-D Secure step.
"""
import logging
import os
from decimal import Decimal
from typing import List, Optional

from saleor.payment import TransactionKind
from saleor.payment.interface import CreditCardInfo, GatewayResponse, PaymentData
from saleor.payment.models import Payment, Transaction
from saleor.plugins.base_plugin import BasePlugin

from . import stripe_api

logger = logging.getLogger(__name__)

GATEWAY_ID = "qlclaw.payments.stripe"
# Transaction.error is varchar(256) in Saleor 2.10.1: a longer message (stripe 2.48's text for
# a network error is) fails the insert, and the failed attempt is not recorded at all.
ERROR_COLUMN_SIZE = Transaction._meta.get_field("error").max_length
# What an intent that can still take or hold money is doing (a hold, or one on its way).
HOLDING = ("requires_capture", "requires_action", "requires_source_action", "requires_confirmation")


def _response(
    payment_information: PaymentData,
    kind: str,
    *,
    intent=None,
    is_success: bool = True,
    action_required: bool = False,
    error: Optional[str] = None,
    amount: Optional[Decimal] = None,
    transaction_id: Optional[str] = None,
    raw: Optional[dict] = None,
) -> GatewayResponse:
    raw = dict(raw or {})
    if intent is not None:
        raw.update({"intent_id": intent["id"], "status": intent["status"]})
        if action_required:
            raw["client_secret"] = intent["client_secret"]
    return GatewayResponse(
        is_success=is_success,
        action_required=action_required,
        kind=kind,
        amount=amount if amount is not None else payment_information.amount,
        currency=payment_information.currency,
        transaction_id=transaction_id or (intent["id"] if intent is not None else payment_information.token),
        error=_fits_column(error),
        card_info=_card_info(intent),
        raw_response=raw,
    )


def _fits_column(error: Optional[str]) -> Optional[str]:
    if error is None or len(error) <= ERROR_COLUMN_SIZE:
        return error
    logger.warning("Stripe's message cut to %s characters for Saleor; in full: %s", ERROR_COLUMN_SIZE, error)
    return error[: ERROR_COLUMN_SIZE - 1] + "…"


def _card_info(intent) -> Optional[CreditCardInfo]:
    charge = intent.get("latest_charge") if intent is not None else None
    details = charge.get("payment_method_details", {}).get("card") if isinstance(charge, dict) else None
    if not details:
        return None
    return CreditCardInfo(
        last_4=details.get("last4", ""), exp_year=details.get("exp_year", 0),
        exp_month=details.get("exp_month", 0), brand=details.get("brand"),
    )


def _failure_message(intent) -> str:
    error = intent.get("last_payment_error") or {}
    return error.get("message") or "Your card was declined."


def _capture_failed_before(intent_id: str) -> bool:
    return Transaction.objects.filter(token=intent_id, kind=TransactionKind.CAPTURE, is_success=False).exists()


def _payment_for(payment_information: PaymentData) -> Optional[Payment]:
    # PaymentData has no payment id in 2.10; the token the storefront sent is unique per attempt.
    return (
        Payment.objects.filter(token=payment_information.token, gateway=GATEWAY_ID)
        .order_by("-pk")
        .first()
    )


class StripePaymentIntentsPlugin(BasePlugin):
    PLUGIN_ID = GATEWAY_ID
    PLUGIN_NAME = "Stripe"
    DEFAULT_ACTIVE = True
    CONFIG_STRUCTURE = {}
    DEFAULT_CONFIGURATION = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stripe_api.configure()

    def _authorized_or_failure(self, payment_information: PaymentData, intent) -> GatewayResponse:
        if intent["status"] in ("requires_capture", "succeeded"):
            return _response(payment_information, TransactionKind.AUTH, intent=intent)
        if intent["status"] in ("requires_action", "requires_source_action"):
            return _response(payment_information, TransactionKind.CAPTURE, intent=intent, action_required=True)
        return _response(
            payment_information, TransactionKind.AUTH, intent=intent, is_success=False,
            error=_failure_message(intent),
        )

    def process_payment(self, payment_information: PaymentData, previous_value) -> GatewayResponse:
        if not self.active:
            return previous_value
        payment = _payment_for(payment_information)
        metadata = {"saleor_payment_id": str(payment.pk) if payment else ""}
        if payment is not None and payment.checkout_id:
            metadata["checkout_token"] = str(payment.checkout_id)
        key = payment.pk if payment else payment_information.token
        try:
            intent = stripe_api.create(
                amount=payment_information.amount,
                currency=payment_information.currency,
                payment_method=stripe_api.payment_method_for(payment_information.token),
                metadata=metadata,
                idempotency_key=f"qlclaw-authorize-{key}",
            )
        except stripe_api.StripeFailure as failure:
            # Nothing is held: an intent Stripe may have stored is not confirmed.
            return _response(payment_information, TransactionKind.AUTH, is_success=False, error=str(failure))
        try:
            intent = stripe_api.confirm(intent["id"], idempotency_key=f"qlclaw-confirm-{key}")
        except stripe_api.StripeFailure as failure:
            # The failed transaction names the intent, so the storefront can find out later
            # whether the card is held (`outcome: unknown`) and release it.
            return _response(
                payment_information, TransactionKind.AUTH, is_success=False, error=str(failure),
                transaction_id=intent["id"],
                raw={"intent_id": intent["id"], "outcome": "unknown" if failure.outcome_unknown else "failed"},
            )
        return self._authorized_or_failure(payment_information, intent)

    def confirm_payment(self, payment_information: PaymentData, previous_value) -> GatewayResponse:
        if not self.active:
            return previous_value
        try:
            intent = stripe_api.retrieve(payment_information.token)
        except stripe_api.StripeFailure as failure:
            return _response(payment_information, TransactionKind.AUTH, is_success=False, error=str(failure))
        if intent["status"] in ("requires_action", "requires_source_action"):
            return _response(
                payment_information, TransactionKind.AUTH, intent=intent, is_success=False,
                error="The payment was not authenticated. Please try again.",
            )
        return self._authorized_or_failure(payment_information, intent)

    def capture_payment(self, payment_information: PaymentData, previous_value) -> GatewayResponse:
        if not self.active:
            return previous_value
        intent_id = payment_information.token
        try:
            if _capture_failed_before(intent_id):
                # Saleor and Stripe may disagree: an earlier capture whose answer was lost may
                # have gone through. Stripe's own state decides, so nothing is captured twice.
                intent = stripe_api.retrieve(intent_id)
                if intent["status"] == "succeeded":
                    logger.warning("Capture of %s was already made at Stripe; recording it", intent_id)
                    return _response(payment_information, TransactionKind.CAPTURE, intent=intent,
                                     amount=stripe_api.captured_amount(intent))
            intent = stripe_api.capture(
                intent_id, payment_information.amount, payment_information.currency,
                idempotency_key=f"qlclaw-capture-{intent_id}",
            )
        except stripe_api.StripeFailure as failure:
            return _response(payment_information, TransactionKind.CAPTURE, is_success=False, error=str(failure))
        return _response(payment_information, TransactionKind.CAPTURE, intent=intent)

    def void_payment(self, payment_information: PaymentData, previous_value) -> GatewayResponse:
        if not self.active:
            return previous_value
        try:
            intent = stripe_api.cancel(payment_information.token, idempotency_key=f"qlclaw-void-{payment_information.token}")
        except stripe_api.StripeFailure as failure:
            return _response(payment_information, TransactionKind.VOID, is_success=False, error=str(failure))
        return _response(payment_information, TransactionKind.VOID, intent=intent)

    def refund_payment(self, payment_information: PaymentData, previous_value) -> GatewayResponse:
        """Refunds are idempotent against Stripe's own record: a refund already made in the
        Stripe dashboard (and reported by webhook) is recorded in Saleor, not made twice."""
        if not self.active:
            return previous_value
        intent_id = payment_information.token
        currency = payment_information.currency
        try:
            intent = stripe_api.retrieve(intent_id)
            payment = Payment.objects.filter(transactions__token=intent_id).order_by("-pk").first()
            recorded = (payment.total - payment.captured_amount) if payment else Decimal("0")
            at_stripe = stripe_api.from_minor_units(stripe_api.refunded_so_far(intent), currency)
            if at_stripe - recorded >= payment_information.amount:
                logger.info("Refund of %s on %s already made at Stripe; recording it", payment_information.amount, intent_id)
                return _response(payment_information, TransactionKind.REFUND, intent=intent)
            stripe_api.refund(
                intent_id, payment_information.amount, currency,
                idempotency_key=f"qlclaw-refund-{intent_id}-{stripe_api.to_minor_units(recorded + payment_information.amount, currency)}",
            )
        except stripe_api.StripeFailure as failure:
            return _response(payment_information, TransactionKind.REFUND, is_success=False, error=str(failure))
        return _response(payment_information, TransactionKind.REFUND, intent=intent, transaction_id=intent_id)

    def get_supported_currencies(self, previous_value):
        return [os.environ.get("DEFAULT_CURRENCY", "USD")]

    def get_payment_config(self, previous_value):
        return [{"field": "api_key", "value": os.environ.get("STRIPE_PUBLISHABLE_KEY", "")}]


def intents_to_release(payment: Payment) -> List[str]:
    """Every PaymentIntent this payment's attempts created, except the one its order is paid
    with: a hold on any of them is money the buyer cannot get an order for."""
    transactions = list(payment.transactions.order_by("pk"))
    kept = set()
    if payment.order_id is not None:
        kept = {t.token for t in transactions if t.kind == TransactionKind.AUTH and t.is_success}
    intents = []
    for transaction in transactions:
        intent_id = (transaction.gateway_response or {}).get("intent_id") or transaction.token
        if intent_id.startswith("pi_") and intent_id not in kept and intent_id not in intents:
            intents.append(intent_id)
    return intents


def release_holds(payment: Payment) -> List[dict]:
    """Cancel at Stripe every intent of `payment` that holds (or may still take) money but
    cannot become its order's payment. Call only once no order can come of it any more.
    Returns what was released; a Stripe failure raises StripeFailure (try again later)."""
    stripe_api.configure()
    released = []
    for intent_id in intents_to_release(payment):
        intent = stripe_api.retrieve(intent_id)
        if intent["status"] not in HOLDING:
            continue
        stripe_api.cancel(intent_id, idempotency_key=f"qlclaw-release-{intent_id}")
        amount = stripe_api.from_minor_units(intent["amount"], intent["currency"])
        logger.warning("Released the card hold of %s (%s %s, was %s) of payment %s: no order is paid with it",
                       intent_id, amount, intent["currency"].upper(), intent["status"], payment.pk)
        released.append({"intent_id": intent_id, "amount": amount, "status": intent["status"]})
    if payment.order_id is None and payment.is_active:
        payment.is_active = False
        payment.save(update_fields=["is_active", "modified"])
    return released
