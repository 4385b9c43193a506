"""The jobs that finish a paid checkout: capture, and settling attempts whose outcome is unknown."""
from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from core.locks import order_lock
from jobs.queue import defer, job
from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import present
from saleor_client.generated.enums import PaymentChargeStatusEnum as Charge
from saleor_client.generated.payment_for_completion import PaymentForCompletionPayment
from waiting_room.selectors import queue_figures

from . import completion
from .models import CheckoutAttempt

logger = logging.getLogger(__name__)

# Saleor's charge statuses after which there is nothing left to capture.
CAPTURED = frozenset({Charge.FULLY_CHARGED, Charge.PARTIALLY_REFUNDED, Charge.FULLY_REFUNDED})


class CaptureFailed(Exception):
    """Saleor (or Stripe behind it) refused the capture; the job tries again later."""


# While checkout is busy (a line, or the room at least half full: a sale), Saleor's time is the
# buyers': the card's authorization holds the money for days, so its capture (two Saleor calls)
# waits, asked again every CAPTURE_POSTPONE_SECONDS, for at most CAPTURE_POSTPONE_LIMIT after the order.
CAPTURE_POSTPONE_SECONDS = 20
CAPTURE_POSTPONE_LIMIT = timedelta(minutes=15)


@job(title="Capture the payment of an order")
def capture_order(*, attempt_id: int) -> str:
    """Capture the authorized amount once: a retry (or a restarted worker) first asks Saleor
    whether the payment is already captured."""
    attempt = CheckoutAttempt.objects.get(pk=attempt_id)
    if _checkout_busy(attempt):
        try:
            # One waiting capture per order: a worker that died after this line and runs the job
            # again does not start a second chain.
            defer(capture_order, schedule_in={"seconds": CAPTURE_POSTPONE_SECONDS},
                  queueing_lock=f"capture-later:{attempt_id}", attempt_id=attempt_id)
        except AlreadyEnqueued:
            pass
        return f"postponed {CAPTURE_POSTPONE_SECONDS} s: checkout is busy"
    app_client = saleor_as_storefront_app()
    with order_lock(attempt.order_id):
        payment = present(app_client.payment_for_completion(id=attempt.saleor_payment_id).payment, "payment")
        _remember_intent(attempt, payment)
        if attempt.earlier_payment_ids or _other_intents(payment):
            # An answer lost on the way (or an earlier try) left an intent no order is paid
            # with: its hold is released before this job counts as done.
            completion.release_holds(attempt, every_payment=False)
        if payment.charge_status in CAPTURED:
            return f"already captured ({payment.charge_status.value})"
        if not payment.is_active:
            logger.error("Order %s: its payment %s was voided; nothing to capture", attempt.order_id, payment.id)
            return "payment no longer active"
        amount = Decimal(str(present(payment.total, "payment total").amount))
        result = present(app_client.order_capture(order_id=attempt.order_id, amount=amount).order_capture)
        if result.order_errors:
            raise CaptureFailed(f"Saleor refused the capture: {result.order_errors[0].message}")
    return f"captured {amount}"


def _checkout_busy(attempt: CheckoutAttempt) -> bool:
    ordered = attempt.completed or attempt.updated
    return timezone.now() - ordered < CAPTURE_POSTPONE_LIMIT and queue_figures().busy


def _other_intents(payment: PaymentForCompletionPayment) -> bool:
    """The payment's attempts named more than one PaymentIntent."""
    intents = {(t.gateway_response or {}).get("intent_id") or t.token for t in payment.transactions or [] if t}
    return len({intent for intent in intents if intent and intent.startswith("pi_")}) > 1


def _remember_intent(attempt: CheckoutAttempt, payment: PaymentForCompletionPayment) -> None:
    """Later Stripe events (refunds) name only the PaymentIntent."""
    if attempt.payment_intent_id:
        return
    tokens = [t.token for t in payment.transactions or [] if t and t.is_success and t.token]
    if tokens:
        attempt.payment_intent_id = tokens[0]
        attempt.save(update_fields=["payment_intent_id", "updated"])


@job(title="Release card holds no order is paid with")
def release_card_holds(*, attempt_id: int) -> str:
    return completion.release_holds_of_ended_checkout(attempt_id)


@job(title="Find out what became of a payment")
def settle_attempt(*, attempt_id: int) -> str:
    outcome = completion.settle(attempt_id)
    logger.info("Settled checkout attempt %s: %s", attempt_id, outcome)
    return outcome


@app.periodic(cron="* * * * * */15")
@job(title="Look for payments whose outcome is unknown", queueing_lock="settle_payments")
def settle_payments(*, timestamp: int) -> int:
    """Every 15 s (a cheap query): one settle job per attempt left started, unknown or awaiting 3-D Secure."""
    due = completion.unsettled_attempts()
    for attempt_id in due:
        try:
            defer(settle_attempt, attempt_id=attempt_id, queueing_lock=f"settle-attempt-{attempt_id}")
        except AlreadyEnqueued:
            pass  # the one queued earlier is still waiting (e.g. backing off while Saleor is down)
    return len(due)
