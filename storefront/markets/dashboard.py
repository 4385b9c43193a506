"""The staff dashboard's tax tile: this month's tax per market, from the same figures as the
export's "Tax per market and month" (Saleor's order tax less what refunds gave back)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.cache import cache

from staff.dashboard.sales import shop_today, shop_zone
from staff.models import StaffSession
from staff.orders.export import orders_placed

from .books import MarketMonthTax, tax_by_market_and_month
from .selectors import tax_returned_between

# Reads every order of the month from Saleor: kept a few minutes, shared by the staff.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class TaxTile:
    month: str  # "December 2026"
    rows: tuple[MarketMonthTax, ...]

    @property
    def net(self) -> Decimal:
        return sum((row.net for row in self.rows), Decimal("0.00"))

    @property
    def currency(self) -> str:
        return self.rows[0].currency if self.rows else "USD"


def tax_tile(staff: StaffSession) -> TaxTile:
    today = shop_today()
    start = today.replace(day=1)
    key = f"markets:tax-tile:{start.isoformat()}"
    tile = cache.get(key)
    if tile is None:
        zone = shop_zone()
        returned = tax_returned_between(datetime.combine(start, time(), zone),
                                        datetime.combine(today + timedelta(days=1), time(), zone))
        rows = tax_by_market_and_month(orders_placed(staff, start, today), returned, zone)
        tile = TaxTile(month=start.strftime("%B %Y"), rows=rows)
        cache.set(key, tile, CACHE_SECONDS)
    return tile
