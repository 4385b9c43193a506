"""Reads of cart reminders: the staff dashboard's figures and a buyer's own reminders."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Optional

from django.db.models import Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from checkout.models import CheckoutAttempt

from .models import CartReminder

PERIODS_DAYS = (7, 30)


@dataclass(frozen=True)
class ReminderFigures:
    days: int
    abandoned: int  # gave an e-mail address and had not paid when the reminder came due
    sent: int
    recovered: int  # orders placed after their checkout's reminder went out
    recovered_value: Decimal


@dataclass(frozen=True)
class ReminderTile:
    periods: tuple[ReminderFigures, ...]


def _figures(days: int) -> ReminderFigures:
    now = timezone.now()
    since = now - timedelta(days=days)
    # Paid before the reminder came due: not left. Paid after it: left, then brought back.
    paid_in_time = CheckoutAttempt.objects.filter(
        checkout_token=OuterRef("checkout_token"), status=CheckoutAttempt.Status.COMPLETED,
        completed__lte=OuterRef("due_at"),
    )
    abandoned = (
        CartReminder.objects.filter(created__gte=since, due_at__lte=now).exclude(Exists(paid_in_time)).count()
    )
    sent = CartReminder.objects.filter(status=CartReminder.Status.SENT, sent_at__gte=since)
    recovered = CheckoutAttempt.objects.filter(
        Q(status=CheckoutAttempt.Status.COMPLETED),
        Exists(sent.filter(Q(checkout_token=OuterRef("checkout_token")) | Q(restored_checkout_token=OuterRef("checkout_token")),
                           sent_at__lt=OuterRef("completed"))),
    )
    value = recovered.aggregate(total=Sum(F("order_total")))["total"] or Decimal("0.00")
    return ReminderFigures(days=days, abandoned=abandoned, sent=sent.count(), recovered=recovered.count(),
                           recovered_value=value)


def dashboard_tile() -> ReminderTile:
    return ReminderTile(periods=tuple(_figures(days) for days in PERIODS_DAYS))


@dataclass(frozen=True)
class BuyersReminder:
    """One reminder kept for an address, as the buyer's copy of their data shows it."""

    created: datetime
    due_at: datetime
    status: str
    reason: str
    sent_at: Optional[datetime]
    second_sent_at: Optional[datetime]


def reminders_of(email: str) -> tuple[BuyersReminder, ...]:
    """Every reminder noted for `email` (compared case-blind), oldest first."""
    rows = CartReminder.objects.annotate(address=Lower("email")).filter(address=email.lower()).order_by("created")
    return tuple(
        BuyersReminder(created=row.created, due_at=row.due_at, status=row.status, reason=row.reason, sent_at=row.sent_at,
                       second_sent_at=row.second_sent_at)
        for row in rows
    )


def reminder_refused(checkout_token: str) -> bool:
    """Whether the buyer ticked "no reminder" for this checkout (the box shows it ticked again)."""
    return CartReminder.objects.filter(
        checkout_token=checkout_token, status=CartReminder.Status.SKIPPED, reason=CartReminder.NOT_WANTED
    ).exists()
