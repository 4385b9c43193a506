from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import REFUND_DAYS, Withdrawal


def withdrawals_to_refund(*, limit: int = 10) -> list[Withdrawal]:
    """The withdrawals received in the last 30 days, oldest (nearest deadline) first: what the
    admin may still have to refund. Whether Saleor shows them refunded is on each order's page."""
    since = timezone.now() - timedelta(days=REFUND_DAYS + 16)
    return list(Withdrawal.objects.filter(received_at__gte=since).order_by("received_at")[:limit])
