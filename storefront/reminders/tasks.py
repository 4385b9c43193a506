"""Abandoned-checkout reminders: a sweep finds the due ones, a retrying job sends each once."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from procrastinate.contrib.django import app

from cart.selectors import PLACEHOLDER_EMAIL, Cart, get_cart
from checkout.models import CheckoutAttempt
from core.company import company
from core.links import absolute_url
from core.locks import advisory_lock
from jobs.queue import job
from mail.services import make_message_id, send_templated_email
from newsletter.selectors import has_unsubscribed
from newsletter.tokens import unsubscribe_token

from .models import CartReminder
from .services import queue_due_reminders
from .tokens import cart_link_token

# A payment under way, or one that became an order: the buyer did not abandon the checkout.
PAYING = (
    CheckoutAttempt.Status.STARTED, CheckoutAttempt.Status.NEEDS_AUTHENTICATION,
    CheckoutAttempt.Status.UNKNOWN, CheckoutAttempt.Status.COMPLETED,
)
# One reminder a day to one address, however many carts it left (a buyer who tried on a phone and
# a laptop, or a shared office address, is not mailed twice).
ONE_PER_ADDRESS = timedelta(days=1)


# Croniter puts seconds in the sixth field: every 15 seconds (one indexed query when nothing is due).
@app.periodic(cron="* * * * * */15")
@job(title="Find the checkouts due a reminder", queueing_lock="queue-due-cart-reminders")
def queue_due_cart_reminders(*, timestamp: int) -> str:
    return f"queued {queue_due_reminders()}"


def _skip(reminder: CartReminder, reason: str) -> str:
    if reminder.status == CartReminder.Status.SECOND_QUEUED:
        # The first went out and stays counted as sent; only the second is called off.
        reminder.status, reminder.second_due_at, reminder.second_reason = CartReminder.Status.SENT, None, reason
        reminder.save(update_fields=["status", "second_due_at", "second_reason"])
        return f"no second reminder: {reason}"
    reminder.status, reminder.reason = CartReminder.Status.SKIPPED, reason
    reminder.save(update_fields=["status", "reason"])
    return f"skipped: {reason}"


@job(title="E-mail a buyer who left the checkout a reminder of the cart")
def send_cart_reminder(*, checkout_token: str) -> str:
    # The row stays locked while the mail goes out: a second job for the same checkout waits,
    # then finds it sent. SMTP is bounded by EMAIL_TIMEOUT; no money moves here.
    with transaction.atomic():
        reminder = CartReminder.objects.select_for_update().filter(checkout_token=checkout_token).first()
        if reminder is None or reminder.status not in (CartReminder.Status.QUEUED, CartReminder.Status.SECOND_QUEUED):
            return "nothing to send"
        if CheckoutAttempt.objects.filter(checkout_token=checkout_token, status__in=PAYING).exists():
            return _skip(reminder, "the buyer paid or is paying")
        cart = get_cart(checkout_token)
        if cart is None:
            return _skip(reminder, "the checkout is gone (an order was placed)")
        if not cart.lines:
            return _skip(reminder, "the cart was emptied")
        email = cart.email if cart.email and cart.email != PLACEHOLDER_EMAIL else reminder.email
        if has_unsubscribed(email):
            return _skip(reminder, "the address unsubscribed")
        with advisory_lock(f"cart-reminder-to:{email.lower()}"):  # held until this transaction ends
            if _sent_to_lately(email, other_than=reminder.pk):
                return _skip(reminder, "a reminder went to this address in the last day")
            return _send(reminder, cart, email, checkout_token)


def _sent_to_lately(email: str, *, other_than: int) -> bool:
    since = timezone.now() - ONE_PER_ADDRESS
    return (
        CartReminder.objects.annotate(address=Lower("email"))
        .filter(Q(sent_at__gte=since) | Q(second_sent_at__gte=since), address=email.lower())
        .exclude(pk=other_than)
        .exists()
    )


def _send(reminder: CartReminder, cart: Cart, email: str, checkout_token: str) -> str:
    second = reminder.status == CartReminder.Status.SECOND_QUEUED
    hours = settings.CART_REMINDER_SECOND_HOURS
    unsubscribe_url = absolute_url("newsletter:unsubscribe", token=unsubscribe_token(email))
    send_templated_email(
        template="reminders/email/cart",
        to=email,
        context={"cart": cart, "company": company(), "unsubscribe_url": unsubscribe_url, "second": second,
                 "another_follows": not second and hours > 0,
                 "cart_url": absolute_url("reminders:return", token=cart_link_token(checkout_token))},
        message_id=make_message_id("checkout", checkout_token, "reminder-2" if second else "reminder"),
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    now = timezone.now()
    if second:
        reminder.status, reminder.second_sent_at = CartReminder.Status.SENT, now
        reminder.save(update_fields=["status", "second_sent_at"])
        return "sent the second"
    reminder.status, reminder.sent_at, reminder.email = CartReminder.Status.SENT, now, email
    reminder.second_due_at = now + timedelta(hours=hours) if hours > 0 else None
    reminder.save(update_fields=["status", "sent_at", "email", "second_due_at"])
    return "sent"
