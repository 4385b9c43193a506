"""E-mails to the buyer about their order, each sent by a job that reads the order from Saleor
when it runs (so the mail shows the order as it is then) and sends it once."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from core.company import company
from core.links import absolute_url
from jobs.queue import job
from mail.services import make_message_id, send_templated_email

from .selectors import order_by_token

# kind -> template; every kind of mail the buyer gets about an order.
ORDER_EMAILS = {
    "confirmation": "orders/email/confirmation",
    "shipped": "orders/email/shipped",
    "refunded": "orders/email/refunded",
    "cancelled": "orders/email/cancelled",
    "lookup": "orders/email/lookup",
}
# Amounts travel through the queue as strings (JSON); templates format Decimals.
MONEY_DETAILS = ("amount", "refunded")


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
        "company": company(),
    }
    send_templated_email(
        template=ORDER_EMAILS[kind],
        to=order.email,
        context=context,
        message_id=make_message_id("order", order.token, kind, *([key] if key else [])),
    )
