"""Stripe's webhook endpoint: the HTTP side only. The signature is checked (and its age), the
payload is validated as a Stripe event, and `stripe_events.process_event` says what the event
did; its exceptions become the answers Stripe acts on (409: deliver again; 400: never valid).
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any

import stripe
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .stripe_events import MalformedEvent, NotReady, process_event

logger = logging.getLogger(__name__)

# Stripe's default: a signature older than this is refused (replay protection); one dated
# this far in the future is refused too (a forged or badly clocked sender).
SIGNATURE_TOLERANCE_SECONDS = 300


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
