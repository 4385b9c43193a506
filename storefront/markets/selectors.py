"""Where the shop sells, and under which tax regime: the `markets:` and `sanctioned:` blocks of
the catalog file (deploy/seed/catalog.yaml), which the seed also applies to Saleor's shipping
zones (one zone per market). Read once per process, as the delivery estimates are.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from django.conf import settings
from django.db import models

from saleor_client.values import Money

from .models import TaxCollected, TaxReversal

# Market tax regimes, as the catalog file names them.
US_SALES_TAX = "us_sales_tax"
EU_VAT = "eu_vat"
UK_VAT = "uk_vat"
NO_TAX = "none"
# Import duties: collected at checkout (DDP) or due from the buyer on delivery (DAP).
DUTIES_ON_DELIVERY = "DAP"


@dataclass(frozen=True)
class Market:
    code: str  # US | EU | UK | ROW: the key order metadata and the exports use
    name: str
    countries: tuple[str, ...]
    tax: str
    duties: str

    @property
    def adds_tax(self) -> bool:
        """US sales tax is added on top of the (net) prices shown."""
        return self.tax == US_SALES_TAX

    @property
    def includes_vat(self) -> bool:
        """EU and UK buyers are shown VAT-inclusive prices."""
        return self.tax in (EU_VAT, UK_VAT)

    @property
    def duties_on_delivery(self) -> bool:
        return self.duties == DUTIES_ON_DELIVERY


@dataclass(frozen=True)
class Markets:
    markets: tuple[Market, ...]
    sanctioned: frozenset[str]

    def market_for(self, country: str) -> Optional[Market]:
        country = (country or "").upper()
        return next((market for market in self.markets if country in market.countries), None)


@functools.cache
def markets() -> Markets:
    data = yaml.safe_load(Path(settings.CATALOG_FILE).read_text(encoding="utf-8"))
    return Markets(
        markets=tuple(
            Market(
                code=str(market["code"]),
                name=str(market["name"]),
                countries=tuple(str(country).upper() for country in market.get("countries", [])),
                tax=str(market.get("tax", NO_TAX)),
                duties=str(market.get("duties", "none")),
            )
            for market in data.get("markets", [])
        ),
        sanctioned=frozenset(str(country).upper() for country in data.get("sanctioned", [])),
    )


def market_for(country: str) -> Optional[Market]:
    """The market a destination country is in; None for a country the shop does not ship to."""
    return markets().market_for(country)


def market_by_code(code: str) -> Optional[Market]:
    return next((market for market in markets().markets if market.code == code), None)


def is_sanctioned(country: str) -> bool:
    return (country or "").upper() in markets().sanctioned


def countries_sold_to() -> frozenset[str]:
    return frozenset(country for market in markets().markets for country in market.countries)


# What a buyer is told about tax before paying, per market (and before the country is known).
SALES_TAX_AT_CHECKOUT = "Sales tax calculated at checkout"
PRICES_INCLUDE_VAT = "Prices incl. VAT"
DUTIES_ON_DELIVERY_NOTE = "Import duties and taxes may be charged on delivery"
TAX_BY_ADDRESS = ("Sales tax (US) or VAT (EU, UK) is worked out at checkout for your address; elsewhere, "
                  "import duties and taxes may be charged on delivery")


def tax_note(market: Optional[Market]) -> str:
    """The words for the product page, the cart and the checkout: for the buyer's market, or
    covering every market while the country is not known."""
    if market is None:
        return TAX_BY_ADDRESS
    if market.adds_tax:
        return SALES_TAX_AT_CHECKOUT
    if market.includes_vat:
        return PRICES_INCLUDE_VAT
    if market.duties_on_delivery:
        return DUTIES_ON_DELIVERY_NOTE
    return ""


# Which backend of the tax plugin priced an order (`tax.backend`), in the admin's words.
TAX_BACKENDS = {"offline": "the rates file", "stripe_tax": "Stripe Tax"}


@dataclass(frozen=True)
class OrderTax:
    """How an order was taxed: the amount is Saleor's (total gross less net), the words are what
    the tax plugin stored on the order (public metadata `tax.*`) when it was placed."""

    amount: Money
    market: Optional[Market]
    label: str  # "VAT 19 % (DE)", "CA sales tax 7.25 %"; empty when no tax applied
    rate: Optional[Decimal]
    duties: str
    backend: str
    calculation: str = ""  # Stripe Tax's calculation id (`tax.calculation`), when it priced the order

    @property
    def added(self) -> bool:
        """Sales tax: shown on its own line, on top of prices before tax."""
        return self.market is not None and self.market.adds_tax

    @property
    def included(self) -> bool:
        """VAT: contained in the prices shown ("incl. VAT 19 % (DE)")."""
        return self.market is not None and self.market.includes_vat

    @property
    def name(self) -> str:
        return self.label or ("VAT" if self.included else "Sales tax" if self.added else "Tax")

    @property
    def duties_on_delivery(self) -> bool:
        if self.duties:
            return self.duties == DUTIES_ON_DELIVERY
        return self.market is not None and self.market.duties_on_delivery

    @property
    def backend_name(self) -> str:
        return TAX_BACKENDS.get(self.backend, self.backend)

    @property
    def duties_note(self) -> str:
        return DUTIES_ON_DELIVERY_NOTE if self.duties_on_delivery else ""

    @property
    def shown(self) -> bool:
        """Worth a line: some tax was charged, or the buyer's market charges it (a US state
        without nexus shows "Sales tax $0.00" rather than leaving the buyer to wonder)."""
        return self.amount.amount > 0 or self.added


def metadata_dict(items: Optional[Iterable[Any]]) -> dict[str, str]:
    return {item.key: item.value for item in items or [] if item is not None}


def order_tax(*, metadata: dict[str, str], amount: Money, country: str) -> OrderTax:
    """The order's tax from its metadata; an order placed before taxes were charged (no
    `tax.market`) is placed in its destination's market."""
    market = market_by_code(metadata.get("tax.market", "")) or market_for(country)
    try:
        rate: Optional[Decimal] = Decimal(metadata["tax.rate"]) if metadata.get("tax.rate") else None
    except InvalidOperation:
        rate = None
    return OrderTax(
        amount=amount, market=market, label=metadata.get("tax.label", ""), rate=rate,
        duties=metadata.get("tax.duties", ""), backend=metadata.get("tax.backend", ""),
        calculation=metadata.get("tax.calculation", ""),
    )


def tax_reversed(order_id: str) -> Decimal:
    """The tax refunds have given back on this order so far."""
    total = TaxReversal.objects.filter(order_id=order_id).aggregate(total=models.Sum("amount"))["total"]
    return total or Decimal("0.00")


@dataclass(frozen=True)
class TaxReturned:
    market: str
    amount: Decimal
    currency: str
    created: datetime


def tax_returned_between(start: datetime, end: datetime) -> tuple[TaxReturned, ...]:
    """The tax refunds gave back from `start` up to (not including) `end`."""
    return tuple(
        TaxReturned(market=row.market, amount=row.amount, currency=row.currency, created=row.created)
        for row in TaxReversal.objects.filter(created__gte=start, created__lt=end).order_by("created")
    )


@dataclass(frozen=True)
class MarketTax:
    market: str  # US | EU | UK | ROW
    currency: str
    orders: int
    collected: Decimal
    refunded: Decimal

    @property
    def net(self) -> Decimal:
        return self.collected - self.refunded


def tax_by_market(start: datetime, end: datetime) -> tuple[MarketTax, ...]:
    """Tax collected on the orders placed from `start` to `end` (not included), and given back by
    the refunds made then, per market: from the shop's own records, no call to Saleor."""
    collected = {
        (row["market"], row["currency"]): (row["orders"], row["amount"])
        for row in TaxCollected.objects.filter(placed__gte=start, placed__lt=end)
        .values("market", "currency").annotate(orders=models.Count("id"), amount=models.Sum("amount"))
    }
    refunded = {
        (row["market"], row["currency"]): row["amount"]
        for row in TaxReversal.objects.filter(created__gte=start, created__lt=end)
        .values("market", "currency").annotate(amount=models.Sum("amount"))
    }
    return tuple(
        MarketTax(market=market or "none", currency=currency, orders=collected.get(key, (0, None))[0],
                  collected=collected.get(key, (0, Decimal("0.00")))[1], refunded=refunded.get(key, Decimal("0.00")))
        for key in sorted(set(collected) | set(refunded))
        for market, currency in [key]
    )


class ShownPrices:
    """How a cart or an order shows its subtotal and shipping: before tax where the market adds
    tax on its own line (US), Saleor's gross (VAT included) elsewhere. The class using it has
    `prices_net`, `subtotal`/`subtotal_net` and `shipping`/`shipping_net`."""

    subtotal: Money
    subtotal_net: Optional[Money]
    shipping: Money
    shipping_net: Optional[Money]

    @property
    def prices_net(self) -> bool:
        raise NotImplementedError("a cart or an order says whether its prices are shown before tax")

    @property
    def shown_subtotal(self) -> Money:
        return self.subtotal_net if self.prices_net and self.subtotal_net else self.subtotal

    @property
    def shown_shipping(self) -> Money:
        return self.shipping_net if self.prices_net and self.shipping_net else self.shipping
