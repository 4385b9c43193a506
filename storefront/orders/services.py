from __future__ import annotations

from typing import Any, Optional

from django.conf import settings

from jobs.queue import defer

from .tasks import ORDER_EMAILS, alert_shop_of_order, send_order_email


def queue_order_email(*, order_token: str, kind: str, key: str = "", details: Optional[dict[str, Any]] = None) -> None:
    """Queue a mail to the buyer in the caller's transaction. `key` tells apart two mails of one
    kind (two shipments, two refunds); the same key is the same mail and is sent once."""
    if kind not in ORDER_EMAILS:
        raise ValueError(f"Unknown order e-mail {kind!r}; choose one of {sorted(ORDER_EMAILS)}")
    defer(send_order_email, order_token=str(order_token), kind=kind, key=key, details=details or {})
    if kind == "confirmation" and settings.NEW_ORDER_ALERTS == "each":
        # Every paid order is confirmed exactly once, in the transaction that records it: the
        # shop hears of it then too (with NEW_ORDER_ALERTS=daily, in the morning digest instead).
        defer(alert_shop_of_order, order_token=str(order_token))
