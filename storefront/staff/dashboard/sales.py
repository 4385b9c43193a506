"""The shop's sales by day, kept in its own database.

"Sales" here: the money captured on the orders placed that day, net of refunds (Saleor's
`totalCaptured`: the last payment's captured amount, which refunds reduce), with the day in the
shop's time zone (SHOP_TIME_ZONE). Unpaid, declined and fully refunded orders count nothing.

Why a record and not a live query: Saleor 2.10 has no sum by day (`ordersTotal` knows only
TODAY and THIS_MONTH, from UTC midnight, and counts unpaid and refunded orders), so a sum means
reading every order, 100 per call: 100 calls for 10,000 orders a month, far too slow for a page.
A job reads them instead (`record_sales`), off the page's path, and the dashboard reads one row
per day. Today's row alone is read live when the dashboard finds it older than a minute (one
call at up to 100 orders a day), all 30 days every hour (refunds made at Stripe reach old days that way), and a staff action
that moves money records its order's day at once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Optional
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from procrastinate.exceptions import AlreadyEnqueued

from jobs.queue import defer
from saleor_client import paging
from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorError
from saleor_client.generated.enums import PaymentChargeStatusEnum
from saleor_client.generated.input_types import DateRangeInput
from saleor_client.values import Money

from ..models import DailySales

logger = logging.getLogger(__name__)

DAYS_SHOWN = 30
FRESH_FOR = timedelta(seconds=60)
SALES_BATCH = 100
# Payments with money kept: a fully refunded or never-captured order adds nothing.
PAID = [PaymentChargeStatusEnum.PARTIALLY_CHARGED, PaymentChargeStatusEnum.FULLY_CHARGED,
        PaymentChargeStatusEnum.PARTIALLY_REFUNDED]


def shop_zone() -> ZoneInfo:
    return ZoneInfo(settings.SHOP_TIME_ZONE)


def shop_today() -> date:
    return timezone.now().astimezone(shop_zone()).date()


def shop_day_of(moment: datetime) -> date:
    return moment.astimezone(shop_zone()).date()


def record_sales(start: date, end: date) -> dict[date, Decimal]:
    """Read from Saleor what was taken on each day from `start` to `end` and keep it."""
    zone = shop_zone()
    totals = {start + timedelta(days=n): Decimal("0.00") for n in range((end - start).days + 1)}
    counts = dict.fromkeys(totals, 0)
    # Saleor filters on the date in its own time zone: ask a day wider on both sides, then
    # sort each order into the shop's day by its exact time.
    created = DateRangeInput(gte=(start - timedelta(days=1)).isoformat(), lte=(end + timedelta(days=1)).isoformat())
    client = saleor_as_storefront_app()
    for node in paging.nodes(lambda after: client.staff_sales(first=SALES_BATCH, after=after, created=created, paid=PAID).orders):
        day = datetime.fromisoformat(str(node.created)).astimezone(zone).date()
        if day in totals:
            totals[day] += Money.from_saleor(node.total_captured).amount
            counts[day] += 1
    now = timezone.now()
    with transaction.atomic():
        for day, captured in totals.items():
            DailySales.objects.update_or_create(day=day, defaults={
                "captured": captured, "currency": settings.SHOP_CURRENCY, "paid_orders": counts[day], "recorded_at": now,
            })
    return totals


@dataclass(frozen=True)
class DaySales:
    day: date
    captured: Money
    paid_orders: int
    recorded_at: Optional[datetime]


@dataclass(frozen=True)
class SalesHistory:
    days: tuple[DaySales, ...]  # oldest first, today last

    @property
    def today(self) -> DaySales:
        return self.days[-1]

    @property
    def total(self) -> Money:
        return Money(sum((day.captured.amount for day in self.days), Decimal("0.00")), self.today.captured.currency)

    @property
    def paid_orders(self) -> int:
        return sum(day.paid_orders for day in self.days)

    @property
    def complete(self) -> bool:
        return all(day.recorded_at for day in self.days)


def sales_history(days: int = DAYS_SHOWN) -> SalesHistory:
    """The last `days` days from the record (days not recorded yet read as nothing, and are
    queued for recording); today's row is recorded again when older than a minute."""
    today = shop_today()
    start = today - timedelta(days=days - 1)
    rows = {row.day: row for row in DailySales.objects.filter(day__gte=start, day__lte=today)}
    if today not in rows or timezone.now() - rows[today].recorded_at > FRESH_FOR:
        rows.update(_record_today(today))
    history = SalesHistory(days=tuple(
        DaySales(
            day=day,
            captured=Money(rows[day].captured, rows[day].currency) if day in rows else Money(Decimal("0.00"), settings.SHOP_CURRENCY),
            paid_orders=rows[day].paid_orders if day in rows else 0,
            recorded_at=rows[day].recorded_at if day in rows else None,
        )
        for day in (start + timedelta(days=n) for n in range(days))
    ))
    if not history.complete:
        queue_recording(start, today, lock="record-sales-history")
    return history


def _record_today(today: date) -> dict[date, DailySales]:
    """Today's figure is read live (one Saleor call at up to 100 orders a day, at most once a
    minute for all staff) so the first view after a sale never shows $0.00 beside paid orders;
    when Saleor cannot answer, a job records it and the page shows the figure's age."""
    try:
        record_sales(today, today)
    except SaleorError as error:
        logger.warning("Today's sales not read from Saleor: %s", error)
        queue_recording(today, today, lock="record-sales-today")
        return {}
    return {today: DailySales.objects.get(day=today)}


def queue_recording(start: date, end: date, *, lock: str) -> None:
    """One waiting job per lock: a busy dashboard does not pile them up."""
    try:
        defer("staff.tasks.record_sales_job", start=start.isoformat(), end=end.isoformat(), queueing_lock=lock)
    except AlreadyEnqueued:
        pass


def record_order_day(created: Optional[datetime]) -> None:
    """A staff action moved money on an order: record its day again (after the action commits)."""
    if created is None:
        return
    day = shop_day_of(created)
    transaction.on_commit(lambda: queue_recording(day, day, lock=f"record-sales-{day.isoformat()}"))
