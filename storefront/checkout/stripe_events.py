"""What each Stripe event does to the shop, apart from how it arrived (see `webhooks` for the
HTTP endpoint); callable with an event dict already checked by `webhooks._event`.

- payment_intent.succeeded / amount_capturable_updated: a payment that went through becomes
  an order even if the buyer closed the tab after 3-D Secure (manual capture means Stripe
  reports an authorized intent as amount_capturable_updated; localstripe says succeeded).
- payment_intent.payment_failed: recorded on the checkout attempt (unless it completed).
- charge.refunded: a refund made in the Stripe dashboard is recorded on the Saleor order.
Each event id is stored with its outcome, so a replayed event changes nothing and a failed
one can be delivered again.
"""
from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, Optional

from django.db import IntegrityError, transaction

from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorError, present

from . import completion
from .models import CheckoutAttempt, StripeEvent
from .outcomes import PaymentOutcome


class NotReady(Exception):
    """The event refers to something the shop has not seen yet; Stripe should deliver it again."""


class MalformedEvent(ValueError):
    """Signed, but not shaped like a Stripe event."""


def process_event(event: dict[str, Any]) -> str:
    """Claim the event id first (a replay or a concurrent duplicate stops here), then process
    outside any transaction — completion takes its own locks and commits as it goes. A failed
    processing gives the claim back, so Stripe's next delivery is processed again."""
    try:
        record = StripeEvent.objects.create(event_id=event["id"], type=event["type"], payment_intent_id=_intent_id(event))
    except IntegrityError:
        return "duplicate: already processed"
    try:
        outcome = _handle(event)
    except BaseException:
        record.delete()
        raise
    record.outcome = outcome
    record.save(update_fields=["outcome"])
    return outcome


def _intent_id(event: dict[str, Any]) -> str:
    data = event["data"]["object"]
    if data.get("object") == "payment_intent":
        return data.get("id") or ""
    intent = data.get("payment_intent")
    return intent if isinstance(intent, str) else ""


def _attempt_for(intent: dict[str, Any]) -> CheckoutAttempt | None:
    attempt = CheckoutAttempt.objects.filter(payment_intent_id=intent.get("id") or "-").first()
    metadata = intent.get("metadata")
    checkout_token = metadata.get("checkout_token") if isinstance(metadata, dict) else None
    if attempt is None and isinstance(checkout_token, str):
        try:
            attempt = CheckoutAttempt.objects.filter(checkout_token=uuid.UUID(checkout_token)).first()
        except ValueError:
            return None
    return attempt


def _handle(event: dict[str, Any]) -> str:
    data = event["data"]["object"]
    if event["type"] in ("payment_intent.succeeded", "payment_intent.amount_capturable_updated"):
        return _payment_went_through(data)
    if event["type"] == "payment_intent.payment_failed":
        return _payment_failed(data)
    if event["type"] == "charge.refunded":
        return _refunded_at_stripe(data)
    return f"ignored: {event['type']}"


def _payment_went_through(intent: dict[str, Any]) -> str:
    attempt = _attempt_for(intent)
    if attempt is None:
        return "ignored: not a checkout of this shop"
    if attempt.order_token:
        if intent.get("id") != attempt.payment_intent_id:
            # An intent of this checkout that its order is not paid with (an answer lost, an
            # earlier try): its hold is released by a job, which finds the intents in Saleor.
            completion.defer_release_holds(attempt)
            return f"already completed: order {attempt.order_token}; other holds released"
        return f"already completed: order {attempt.order_token}"
    if attempt.status in completion.ENDED_WITHOUT_ORDER:
        completion.defer_release_holds(attempt)
        return f"checkout ended without an order ({attempt.status}): holds released"
    try:
        # The checkout may be gone because Saleor made its order while the shop was not
        # told (a timeout): then the event belongs to that order.
        outcome: Optional[PaymentOutcome] = completion.record_order_of_payment(attempt)
        outcome = outcome or completion.confirm(cart_token=str(attempt.checkout_token))
    except SaleorError as error:
        raise NotReady(f"Saleor could not be asked about this payment: {error}") from error
    except completion.CheckoutStepError as error:
        return f"not completed: {error}"
    kind = outcome.kind.value
    return f"{kind}: order {outcome.order_token}" if outcome.order_token else kind


def _payment_failed(intent: dict[str, Any]) -> str:
    attempt = _attempt_for(intent)
    if attempt is None:
        return "ignored: not a checkout of this shop"
    last_error = intent.get("last_payment_error") or {}
    if not isinstance(last_error, dict):
        raise MalformedEvent("last_payment_error is not an object")
    error = last_error.get("message") if isinstance(last_error.get("message"), str) else "payment failed"
    if attempt.order_token:
        return "ignored: checkout already completed"
    # Events arrive late and out of order. Only a buyer still at 3-D Secure with this very
    # intent has failed; an earlier card's failure must not bury a later payment (an unknown
    # or started attempt is the settle job's), and nothing undoes a completed checkout.
    with transaction.atomic():
        attempt = CheckoutAttempt.objects.select_for_update().get(pk=attempt.pk)
        waiting = (attempt.status == CheckoutAttempt.Status.NEEDS_AUTHENTICATION and not attempt.order_token
                   and attempt.payment_intent_id in (intent.get("id"), ""))
        if not waiting:
            return f"ignored: checkout not waiting for this payment ({attempt.status})"
        attempt.move_to(CheckoutAttempt.Status.DECLINED, last_error=error)
    return f"recorded failure: {error}"


def _refunded_at_stripe(charge: dict[str, Any]) -> str:
    intent_id = charge.get("payment_intent")
    attempt = CheckoutAttempt.objects.filter(payment_intent_id=intent_id).first() if isinstance(intent_id, str) else None
    if attempt is None:
        return "ignored: not a payment of this shop"
    if not isinstance(charge.get("amount_refunded"), int):
        raise MalformedEvent("charge.amount_refunded is not a whole number")
    if not attempt.order_id:
        raise NotReady("The order of this payment does not exist yet")
    app = saleor_as_storefront_app()
    try:
        amounts = present(app.payment_amounts(id=attempt.saleor_payment_id).payment, "payment")
        recorded = (Decimal(str(present(amounts.total, "payment total").amount))
                    - Decimal(str(present(amounts.captured_amount, "captured amount").amount)))
        at_stripe = Decimal(charge["amount_refunded"]) / 100
        missing = (at_stripe - recorded).quantize(Decimal("0.01"))
        if missing <= 0:
            return "refund already recorded"
        result = present(app.order_refund(order_id=attempt.order_id, amount=missing).order_refund, "refund")
    except SaleorError as error:
        raise NotReady(f"Saleor could not record the refund: {error}") from error
    if result.order_errors:
        raise NotReady(f"Saleor refused the refund: {result.order_errors[0].message}")
    return f"recorded refund of {missing}"
