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
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorError

from . import services
from .models import CheckoutAttempt, StripeEvent

logger = logging.getLogger(__name__)

# Stripe's default: a signature older than this is refused (replay protection).
SIGNATURE_TOLERANCE_SECONDS = 300


class NotReady(Exception):
    """The event refers to something the shop has not seen yet; Stripe should deliver it again."""


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        stripe.WebhookSignature.verify_header(
            request.body.decode("utf-8"),
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=SIGNATURE_TOLERANCE_SECONDS,
        )
        event = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError):
        logger.warning("Refused a Stripe webhook with a missing, wrong or stale signature")
        return HttpResponse("Invalid signature", status=400)
    try:
        outcome = process_event(event)
    except NotReady as reason:
        return HttpResponse(str(reason), status=409)
    return JsonResponse({"received": event["id"], "outcome": outcome})


def process_event(event) -> str:
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(event_id=event["id"], type=event["type"])
            outcome = _handle(event)
            record.payment_intent_id = _intent_id(event)
            record.outcome = outcome
            record.save(update_fields=["payment_intent_id", "outcome"])
            return outcome
    except IntegrityError:
        return "duplicate: already processed"


def _intent_id(event) -> str:
    data = event["data"]["object"]
    if data.get("object") == "payment_intent":
        return data["id"]
    return data.get("payment_intent") or ""


def _attempt_for(intent) -> CheckoutAttempt | None:
    checkout_token = (intent.get("metadata") or {}).get("checkout_token")
    attempt = CheckoutAttempt.objects.filter(payment_intent_id=intent["id"]).first()
    if attempt is None and checkout_token:
        attempt = CheckoutAttempt.objects.filter(checkout_token=checkout_token).first()
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
        return f"already completed: order {attempt.order_token}"
    outcome = services.confirm(cart_token=str(attempt.checkout_token))
    return f"{outcome.kind}: order {outcome.order_token}" if outcome.order_token else outcome.kind


def _payment_failed(intent) -> str:
    attempt = _attempt_for(intent)
    if attempt is None:
        return "ignored: not a checkout of this shop"
    # Events can arrive out of order: a late failure never undoes a completed checkout.
    if attempt.status == CheckoutAttempt.Status.COMPLETED:
        return "ignored: checkout already completed"
    error = (intent.get("last_payment_error") or {}).get("message") or "payment failed"
    CheckoutAttempt.objects.filter(pk=attempt.pk).update(status=CheckoutAttempt.Status.DECLINED, last_error=error)
    return f"recorded failure: {error}"


def _refunded_at_stripe(charge) -> str:
    intent_id = charge.get("payment_intent")
    attempt = CheckoutAttempt.objects.filter(payment_intent_id=intent_id).first() if intent_id else None
    if attempt is None:
        return "ignored: not a payment of this shop"
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
