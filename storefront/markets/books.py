"""Tax for the books: collected per market and month (Saleor's order tax, by the month the order
was placed, in the shop's time zone) less what refunds gave back (by the month of the refund)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Optional, Protocol
from zoneinfo import ZoneInfo

from saleor_client.values import Money

from .selectors import MarketTax, OrderTax, TaxReturned

ZERO = Decimal("0.00")
NO_MARKET = "none"  # an order placed to a country in no market (before markets existed)


class TaxedOrder(Protocol):
    @property
    def created(self) -> Optional[datetime]: ...
    @property
    def tax(self) -> Money: ...
    @property
    def tax_line(self) -> Optional[OrderTax]: ...


@dataclass(frozen=True)
class MarketMonthTax(MarketTax):
    month: str = ""  # 2026-12


def _market(order: TaxedOrder) -> str:
    return order.tax_line.market.code if order.tax_line and order.tax_line.market else NO_MARKET


def tax_by_market_and_month(orders: Iterable[TaxedOrder], returned: Iterable[TaxReturned],
                            zone: ZoneInfo) -> tuple[MarketMonthTax, ...]:
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    collected: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    refunded: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    for order in orders:
        if order.created is None:
            continue
        key = (order.created.astimezone(zone).strftime("%Y-%m"), _market(order), order.tax.currency)
        counts[key] += 1
        collected[key] += order.tax.amount
    for reversal in returned:
        key = (reversal.created.astimezone(zone).strftime("%Y-%m"), reversal.market or NO_MARKET, reversal.currency)
        refunded[key] += reversal.amount
    return tuple(
        MarketMonthTax(month=month, market=market, currency=currency, orders=counts.get(key, 0),
                       collected=collected.get(key, ZERO), refunded=refunded.get(key, ZERO))
        for key in sorted(set(collected) | set(refunded))
        for month, market, currency in [key]
    )
