"""Writes of cart reminders: noting a checkout that may get one, and handing due ones to the sender."""
from __future__ import annotations

from datetime import timedelta
from typing import Optional

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cart.selectors import PLACEHOLDER_EMAIL, Cart, get_cart
from cart.services import CartError, CartSummary, add_to_cart
from jobs.queue import defer

from .models import CartReminder

SEND_TASK = "reminders.tasks.send_cart_reminder"


def note_checkout_email(*, checkout_token: str, email: str, wanted: bool = True) -> None:
    """Called when a buyer gives an e-mail address at checkout: the reminder is due
    CART_REMINDER_DELAY_MINUTES later. A corrected address replaces the first while nothing was sent.
    A buyer who ticked "no reminder" (`wanted` False) gets none; unticking it later brings it back."""
    # The shop's own address walks to the payment step daily (scriptguard's check): never reminded.
    if not email or email == PLACEHOLDER_EMAIL or email.lower() == settings.SHOP_ORDERS_EMAIL.lower():
        return
    # A cart brought back by a reminder's link is not reminded again.
    if CartReminder.objects.filter(restored_checkout_token=checkout_token).exists():
        return
    due_at = timezone.now() + timedelta(minutes=settings.CART_REMINDER_DELAY_MINUTES)
    status, reason = (CartReminder.Status.WAITING, "") if wanted else (CartReminder.Status.SKIPPED, CartReminder.NOT_WANTED)
    reminder, created = CartReminder.objects.get_or_create(
        checkout_token=checkout_token, defaults={"email": email, "due_at": due_at, "status": status, "reason": reason}
    )
    if not created:
        # Only a reminder not yet queued changes: one that is out (or on its way) stays what it is.
        CartReminder.objects.filter(
            Q(status=CartReminder.Status.WAITING) | Q(status=CartReminder.Status.SKIPPED, reason=CartReminder.NOT_WANTED),
            pk=reminder.pk,
        ).update(email=email, status=status, reason=reason)


def queue_due_reminders(*, limit: int = 100) -> int:
    """Hands every due reminder (a first, or a second) to the sending job, in the transaction that
    marks it queued, so a reminder is queued once however many sweeps overlap (SKIP LOCKED: they
    share, never wait)."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            CartReminder.objects.select_for_update(skip_locked=True)
            .filter(Q(status=CartReminder.Status.WAITING, due_at__lte=now)
                    | Q(status=CartReminder.Status.SENT, second_due_at__lte=now, second_sent_at__isnull=True))
            .order_by("due_at")[:limit]
        )
        for reminder in due:
            second = reminder.status == CartReminder.Status.SENT
            reminder.status = CartReminder.Status.SECOND_QUEUED if second else CartReminder.Status.QUEUED
            reminder.save(update_fields=["status"])
            defer(SEND_TASK, checkout_token=str(reminder.checkout_token))
    return len(due)


def restore_cart(*, source: Cart, already_restored: Optional[str]) -> CartSummary:
    """The reminded cart's lines in a new checkout (no e-mail, no address), recorded on the
    reminder so the dashboard counts its order as brought back. A second click in the browser
    that holds the copy opens the copy again."""
    reminder = CartReminder.objects.filter(checkout_token=source.token).first()
    if reminder and already_restored and str(reminder.restored_checkout_token) == already_restored:
        copy = get_cart(already_restored)
        if copy is not None:
            return CartSummary(token=copy.token, quantity=copy.quantity)
    summary: Optional[CartSummary] = None
    for line in source.lines:
        if line.available:
            summary = add_to_cart(cart_token=summary.token if summary else None, variant_id=line.variant_id,
                                  quantity=line.quantity)
    if summary is None:
        raise CartError("Nothing in that cart can be bought any more.")
    CartReminder.objects.filter(checkout_token=source.token).update(restored_checkout_token=summary.token)
    return summary


def forget_waiting_reminders(*, email: str) -> int:
    """A buyer's erasure request: the reminders not sent yet go, with the address they hold."""
    deleted, _ = CartReminder.objects.filter(
        email__iexact=email, status__in=(CartReminder.Status.WAITING, CartReminder.Status.QUEUED)
    ).delete()
    # A first reminder already sent keeps its row (the dashboard counts it), but no second follows.
    CartReminder.objects.filter(email__iexact=email, second_sent_at__isnull=True).exclude(second_due_at=None).update(
        second_due_at=None, second_reason="the buyer asked for their data to be erased"
    )
    return deleted
