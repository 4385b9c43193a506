"""E-mails to the buyer about their order, each sent by a job that reads the order from Saleor
when it runs (so the mail shows the order as it is then) and sends it once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Optional
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from procrastinate.contrib.django import app

from core.company import company
from core.links import absolute_url
from jobs.queue import job
from mail.services import make_message_id, send_templated_email
from saleor_client import paging
from saleor_client.client import saleor_as_storefront_app
from saleor_client.generated.input_types import DateRangeInput
from saleor_client.values import Money
from shipping.carriers import CARRIERS

from .selectors import order_by_token

# kind -> template; every kind of mail the buyer gets about an order.
ORDER_EMAILS = {
    "confirmation": "orders/email/confirmation",
    "shipped": "orders/email/shipped",
    "refunded": "orders/email/refunded",
    "cancelled": "orders/email/cancelled",
    "lookup": "orders/email/lookup",
    "withdrawal": "withdrawals/email/acknowledgement",
}
# Amounts travel through the queue as strings (JSON); templates format Decimals.
MONEY_DETAILS = ("amount", "refunded", "items", "discount_share", "shipping")


class OrderNotReadable(Exception):
    """Saleor did not return the order (yet): the job tries again later."""


@job(title="E-mail the customer about their order")
def send_order_email(*, order_token: str, kind: str, key: str = "", details: Optional[dict[str, Any]] = None) -> None:
    order = order_by_token(order_token)
    if order is None:
        raise OrderNotReadable(f"Saleor has no order with token {order_token}")
    if not order.email:
        return
    context: dict[str, Any] = {
        **{name: Decimal(value) if name in MONEY_DETAILS else value for name, value in (details or {}).items()},
        "order": order,
        "currency": order.total.currency,
        "status_url": absolute_url("orders:status", token=order.token),
        "withdraw_url": absolute_url("withdrawals:order", token=order.token),
        "company": company(),
    }
    if "carrier" in context:  # a shipment: its carrier by code, with the link to follow the parcel
        carrier = CARRIERS.get(context["carrier"])
        context["carrier"] = carrier
        context["tracking_link"] = carrier.link(context.get("tracking_number", "")) if carrier else ""
    send_templated_email(
        template=ORDER_EMAILS[kind],
        to=order.email,
        context=context,
        message_id=make_message_id("order", order.token, kind, *([key] if key else [])),
    )


@job(title="Tell the shop about a new order")
def alert_shop_of_order(*, order_token: str) -> None:
    order = order_by_token(order_token)
    if order is None:
        raise OrderNotReadable(f"Saleor has no order with token {order_token}")
    with timezone.override(ZoneInfo(settings.SHOP_TIME_ZONE)):
        send_templated_email(
            template="orders/email/new_order_alert",
            to=settings.SHOP_ORDERS_EMAIL,
            context={"order": order, "currency": order.total.currency, "time_zone": settings.SHOP_TIME_ZONE,
                     "staff_url": absolute_url("staff:order", order_id=order.id)},
            message_id=make_message_id("order", order.token, "shop-alert"),
        )


@dataclass(frozen=True)
class PlacedOrder:
    """One line of the daily digest."""

    number: str
    email: str
    placed: datetime
    payment: str
    total: Money
    staff_url: str


def orders_placed_on(day: date) -> list[PlacedOrder]:
    """The orders placed on `day` in the shop's time zone, oldest first (the app token reads them)."""
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    # Saleor filters by the date in its own time zone: ask a day wider, keep the shop's day.
    created = DateRangeInput(gte=(day - timedelta(days=1)).isoformat(), lte=(day + timedelta(days=1)).isoformat())
    client, placed = saleor_as_storefront_app(), list[PlacedOrder]()
    for order in paging.nodes(lambda after: client.orders_placed(first=100, after=after, created=created).orders):
        created_at = datetime.fromisoformat(str(order.created))
        if created_at.astimezone(zone).date() == day:
            placed.append(PlacedOrder(
                number=order.number or "", email=order.user_email or "", placed=created_at,
                payment=order.payment_status_display or "",
                total=Money.from_saleor(order.total.gross if order.total else None),
                staff_url=absolute_url("staff:order", order_id=order.id),
            ))
    return placed


def send_order_digest(day: date) -> bool:
    """One e-mail to the shop listing `day`'s orders; sent once per day (False if it was)."""
    orders = orders_placed_on(day)
    total = sum((order.total.amount for order in orders), Decimal("0.00"))
    with timezone.override(ZoneInfo(settings.SHOP_TIME_ZONE)):
        return send_templated_email(
            template="orders/email/order_digest",
            to=settings.SHOP_ORDERS_EMAIL,
            context={"day": day, "orders": orders, "total": total, "currency": settings.SHOP_CURRENCY,
                     "time_zone": settings.SHOP_TIME_ZONE},
            message_id=make_message_id("digest", day.isoformat()),
        )


@app.periodic(cron="5 * * * *")
@job(title="Send the daily digest of new orders", queueing_lock="order-digest")
def send_daily_order_digest(*, timestamp: int) -> str:
    """Hourly; with NEW_ORDER_ALERTS=daily, yesterday's digest goes once the shop's morning
    hour has come (the sent-flag makes the later hours do nothing)."""
    if settings.NEW_ORDER_ALERTS != "daily":
        return "alerts are sent for each order"
    now = timezone.now().astimezone(ZoneInfo(settings.SHOP_TIME_ZONE))
    if now.hour < settings.ORDER_DIGEST_HOUR:
        return "too early"
    yesterday = now.date() - timedelta(days=1)
    return "sent" if send_order_digest(yesterday) else "already sent"
