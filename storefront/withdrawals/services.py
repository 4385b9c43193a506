"""Recording a buyer's withdrawal (Art. 11a of the Consumer Rights Directive, as amended by
Directive (EU) 2023/2673): once per order, with its acknowledgement e-mail queued in the same
transaction, so a withdrawal exists exactly when its acknowledgement is on its way."""
from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from typing import Optional
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from orders.selectors import Order, order_by_token
from orders.services import order_token_for, queue_order_email

from .markets import market_of
from .models import Withdrawal

logger = logging.getLogger(__name__)


class NotWithdrawable(Exception):
    """The order cannot be withdrawn from (it was canceled): the view says so in plain words."""


def channel_words(channel: str) -> str:
    return "e-mail, letter or phone" if channel == Withdrawal.STAFF else dict(Withdrawal.CHANNELS).get(channel, channel)


def withdrawal_for(order_token: str) -> Optional[Withdrawal]:
    return Withdrawal.objects.filter(order_token=order_token).first()


def shop_today() -> date:
    return timezone.now().astimezone(ZoneInfo(settings.SHOP_TIME_ZONE)).date()


def received_at_on(day: date, *, order_created: datetime) -> datetime:
    """When a withdrawal that reached the shop on `day` (by post or e-mail) counts as received:
    now if that is today, else the start of that day in the shop's time zone (the earlier
    moment, so its refund deadline is never later than the law's), never before the order."""
    if day >= shop_today():
        return timezone.now()
    return max(datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.SHOP_TIME_ZONE)), order_created)


def withdraw(
    *, order: Order, channel: str, name: str = "", recorded_by: str = "", received_at: Optional[datetime] = None
) -> tuple[Withdrawal, bool]:
    """Record the withdrawal from `order` and queue its acknowledgement; (withdrawal, created).
    A second call for the same order returns the first withdrawal and sends nothing.
    `received_at`: when staff record one that arrived earlier (default: now)."""
    existing = withdrawal_for(order.token)
    if existing is not None:
        return existing, False
    if order.status == "CANCELED":
        raise NotWithdrawable("This order was canceled, so there is nothing to withdraw from: any payment was refunded.")
    back_dated = received_at is not None and received_at < timezone.now() - timedelta(minutes=1)
    received_at = received_at or timezone.now()
    # A back-dated withdrawal was received some time that day: the acknowledgement names the day.
    received = (f"{received_at.astimezone(ZoneInfo(settings.SHOP_TIME_ZONE)):%-d %B %Y} (by {channel_words(channel)})"
                if back_dated else received_at.astimezone(dt_timezone.utc).strftime("%-d %B %Y, %H:%M:%S UTC"))
    try:
        with transaction.atomic():
            withdrawal = Withdrawal.objects.create(
                order_token=order.token, order_id=order.id, order_number=order.number, email=order.email,
                name=name or (order.shipping_address[0] if order.shipping_address else ""),
                market=market_of(order.shipping_country), channel=channel, received_at=received_at,
                recorded_by=recorded_by,
            )
            # No key: the acknowledgement's Message-ID is fixed by the order, so it is sent once.
            queue_order_email(order_token=order.token, kind="withdrawal", details={
                "received": received, "channel": channel, "market": withdrawal.market,
                "name": withdrawal.name,
            })
    except IntegrityError:  # two clicks at once: the other one recorded it
        return Withdrawal.objects.get(order_token=order.token), False
    logger.info("Withdrawal from order %s recorded (%s)", order.number, channel)
    return withdrawal, True


def withdraw_by_number(*, number: str, email: str, name: str) -> None:
    """The form's way: withdraw from order `number` if it was placed with `email`; otherwise
    nothing happens, and the caller cannot tell (the page answers the same either way)."""
    token = order_token_for(number=number, email=email)
    order = order_by_token(token) if token else None
    if order is None:
        return
    try:
        withdraw(order=order, channel=Withdrawal.FORM, name=name)
    except NotWithdrawable:
        logger.info("Withdrawal by form from canceled order %s ignored", number)
