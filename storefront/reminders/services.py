"""Writes of cart reminders: noting a checkout that may get one, and handing due ones to the sender."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cart.selectors import PLACEHOLDER_EMAIL
from jobs.queue import defer

from .models import CartReminder

SEND_TASK = "reminders.tasks.send_cart_reminder"


def note_checkout_email(*, checkout_token: str, email: str) -> None:
    """Called when a buyer gives an e-mail address at checkout: the reminder is due
    CART_REMINDER_DELAY_MINUTES later. A corrected address replaces the first while nothing was sent."""
    # The shop's own address walks to the payment step daily (scriptguard's check): never reminded.
    if not email or email == PLACEHOLDER_EMAIL or email.lower() == settings.SHOP_ORDERS_EMAIL.lower():
        return
    due_at = timezone.now() + timedelta(minutes=settings.CART_REMINDER_DELAY_MINUTES)
    reminder, created = CartReminder.objects.get_or_create(
        checkout_token=checkout_token, defaults={"email": email, "due_at": due_at}
    )
    if not created and reminder.email != email:
        CartReminder.objects.filter(pk=reminder.pk, status=CartReminder.Status.WAITING).update(email=email)


def queue_due_reminders(*, limit: int = 100) -> int:
    """Hands every due reminder to the sending job, in the transaction that marks it queued, so a
    reminder is queued once however many sweeps overlap (SKIP LOCKED: they share, never wait)."""
    with transaction.atomic():
        due = list(
            CartReminder.objects.select_for_update(skip_locked=True)
            .filter(status=CartReminder.Status.WAITING, due_at__lte=timezone.now())
            .order_by("due_at")[:limit]
        )
        for reminder in due:
            reminder.status = CartReminder.Status.QUEUED
            reminder.save(update_fields=["status"])
            defer(SEND_TASK, checkout_token=str(reminder.checkout_token))
    return len(due)
