"""Stripe webhooks: verified, processed once each, and reconciled with Saleor.

- payment_intent.succeeded / amount_capturable_updated: a payment that went through becomes
  an order even if the buyer closed the tab after 3-D Secure (manual capture means Stripe
  reports an authorized intent as amount_capturable_updated; localstripe says succeeded).
- payment_intent.payment_failed: recorded on the checkout attempt (unless it completed).
- charge.refunded: a refund made in the Stripe dashboard is recorded on the Saleor order.
Each event id is stored with its outcome in the same transaction as the processing, so a
replayed event changes nothing and a failed one can be delivered again.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from decimal import Decimal
from typing import Any, Optional

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorError

from . import completion
from .models import CheckoutAttempt, StripeEvent
from .outcomes import PaymentOutcome

logger = logging.getLogger(__name__)

# Stripe's default: a signature older than this is refused (replay protection); one dated
# this far in the future is refused too (a forged or badly clocked sender).
SIGNATURE_TOLERANCE_SECONDS = 300


class NotReady(Exception):
    """The event refers to something the shop has not seen yet; Stripe should deliver it again."""


class MalformedEvent(ValueError):
    """Signed, but not shaped like a Stripe event."""


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    signature = request.headers.get("Stripe-Signature", "")
    try:
        payload = request.body.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=SIGNATURE_TOLERANCE_SECONDS
        )
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError):
        logger.warning("Refused a Stripe webhook with a missing, wrong or stale signature")
        return HttpResponse("Invalid signature", status=400)
    if _signed_at(signature) > time.time() + SIGNATURE_TOLERANCE_SECONDS:
        logger.warning("Refused a Stripe webhook signed in the future")
        return HttpResponse("Invalid signature: its timestamp is in the future", status=400)
    try:
        event = _event(payload)
    except MalformedEvent as error:
        return HttpResponse(f"Malformed event: {error}", status=400)
    try:
        outcome = process_event(event)
    except NotReady as reason:
        return HttpResponse(str(reason), status=409)
    except MalformedEvent as error:
        return HttpResponse(f"Malformed event: {error}", status=400)
    return JsonResponse({"received": event["id"], "outcome": outcome})


def _signed_at(signature: str) -> int:
    """The `t=` of a header that already verified (so it is there and numeric)."""
    for item in signature.split(","):
        name, _, value = item.strip().partition("=")
        if name == "t" and value.isascii() and value.isdigit():
            return int(value)
    return 0


# The shape of what the handlers read. Stripe's own limits: ids are short, metadata values at
# most 500 characters, amounts (smallest currency unit) far below 10^12.
MAX_ID_LENGTH = 100  # StripeEvent's columns
MAX_TEXT_LENGTH = 5000
MAX_AMOUNT = 10**12
MAX_DEPTH = 32  # a real event nests about 6 deep
AMOUNT_FIELDS = ("amount", "amount_capturable", "amount_received", "amount_refunded", "amount_captured")


def _event(payload: str) -> dict[str, Any]:
    """Validated before any use: types, lengths, magnitudes and depth (a signed event could
    still crash a handler: a 5,000-character id, an amount of 10^30, 100,000 nested lists)."""
    try:
        event = json.loads(payload)
    except RecursionError as error:
        raise MalformedEvent("nested too deeply") from error
    except ValueError as error:
        raise MalformedEvent("not JSON") from error
    if not isinstance(event, dict):
        raise MalformedEvent("not a JSON object")
    _check_depth(event)
    if not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        raise MalformedEvent("no id or type")
    _check_text(event, "id", MAX_ID_LENGTH, "id")
    _check_text(event, "type", MAX_ID_LENGTH, "type")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("no data.object")
    data_object = data["object"]
    if not isinstance(data_object.get("id", ""), str):
        raise MalformedEvent("data.object.id is not a string")
    for field in ("id", "object", "payment_intent", "status", "currency"):
        _check_text(data_object, field, MAX_ID_LENGTH, f"data.object.{field}")
    for field in AMOUNT_FIELDS:
        amount = data_object.get(field)
        if amount is None:
            continue
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise MalformedEvent(f"data.object.{field} is not a whole number")
        if not 0 <= amount <= MAX_AMOUNT:
            raise MalformedEvent(f"data.object.{field} is out of range")
    metadata = data_object.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise MalformedEvent("data.object.metadata is not an object")
        for name in metadata:
            _check_text(metadata, name, MAX_TEXT_LENGTH, f"data.object.metadata.{name}")
    last_error = data_object.get("last_payment_error")
    if last_error is not None:
        if not isinstance(last_error, dict):
            raise MalformedEvent("data.object.last_payment_error is not an object")
        _check_text(last_error, "message", MAX_TEXT_LENGTH, "data.object.last_payment_error.message")
    return event


def _check_text(container: dict, field: str, max_length: int, name: str) -> None:
    value = container.get(field)
    if value is None:
        return
    if not isinstance(value, str):
        raise MalformedEvent(f"{name} is not a string")
    if len(value) > max_length:
        raise MalformedEvent(f"{name} is longer than {max_length} characters")


def _check_depth(value: Any) -> None:
    """Iteratively: a recursive walk would itself hit Python's recursion limit."""
    level = [value]
    for _ in range(MAX_DEPTH):
        level = [child for item in level
                 for child in (item.values() if isinstance(item, dict) else item if isinstance(item, list) else ())
                 if isinstance(child, (dict, list))]
        if not level:
            return
    raise MalformedEvent(f"nested more than {MAX_DEPTH} levels deep")


def process_event(event) -> str:
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


def _intent_id(event) -> str:
    data = event["data"]["object"]
    if data.get("object") == "payment_intent":
        return data.get("id") or ""
    intent = data.get("payment_intent")
    return intent if isinstance(intent, str) else ""


def _attempt_for(intent) -> CheckoutAttempt | None:
    attempt = CheckoutAttempt.objects.filter(payment_intent_id=intent.get("id") or "-").first()
    metadata = intent.get("metadata")
    checkout_token = metadata.get("checkout_token") if isinstance(metadata, dict) else None
    if attempt is None and isinstance(checkout_token, str):
        try:
            attempt = CheckoutAttempt.objects.filter(checkout_token=uuid.UUID(checkout_token)).first()
        except ValueError:
            return None
    return attempt


def _handle(event) -> str:
    data = event["data"]["object"]
    if event["type"] in ("payment_intent.succeeded", "payment_intent.amount_capturable_updated"):
        return _payment_went_through(data)
    if event["type"] == "payment_intent.payment_failed":
        return _payment_failed(data)
    if event["type"] == "charge.refunded":
        return _refunded_at_stripe(data)
    return f"ignored: {event['type']}"


def _payment_went_through(intent) -> str:
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


def _payment_failed(intent) -> str:
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


def _refunded_at_stripe(charge) -> str:
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
        amounts = app.payment_amounts(id=attempt.saleor_payment_id).payment
        recorded = Decimal(str(amounts.total.amount)) - Decimal(str(amounts.captured_amount.amount))
        at_stripe = Decimal(charge["amount_refunded"]) / 100
        missing = (at_stripe - recorded).quantize(Decimal("0.01"))
        if missing <= 0:
            return "refund already recorded"
        result = app.order_refund(order_id=attempt.order_id, amount=missing).order_refund
    except SaleorError as error:
        raise NotReady(f"Saleor could not record the refund: {error}") from error
    if result.order_errors:
        raise NotReady(f"Saleor refused the refund: {result.order_errors[0].message}")
    return f"recorded refund of {missing}"
