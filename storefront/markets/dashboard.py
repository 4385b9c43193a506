"""The staff dashboard's tax tile: this month's tax per market, net of refunds, from the shop's
own records (written with each order and each refund): no call to Saleor on the page's path."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .selectors import MarketTax, tax_by_market


@dataclass(frozen=True)
class TaxTile:
    month: str  # "December 2026"
    rows: tuple[MarketTax, ...]

    @property
    def net(self) -> Decimal:
        return sum((row.net for row in self.rows), Decimal("0.00"))

    @property
    def currency(self) -> str:
        return self.rows[0].currency if self.rows else settings.SHOP_CURRENCY


def tax_tile() -> TaxTile:
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    today = timezone.now().astimezone(zone).date()
    start = datetime.combine(today.replace(day=1), time(), zone)
    rows = tax_by_market(start, datetime.combine(today + timedelta(days=1), time(), zone))
    return TaxTile(month=start.strftime("%B %Y"), rows=rows)
