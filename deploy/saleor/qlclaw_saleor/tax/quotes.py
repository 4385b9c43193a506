"""What tax a consignment pays, behind one interface for both backends.

A backend answers `quote(consignment)` with the rates to add on top of the net goods and
shipping prices, the market, the label buyers and staff see, and who pays import charges.
The plugin turns the rates into Saleor's TaxedMoney; the backends never see Saleor models.
"""
import hashlib
import json
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Dict, Iterable, Optional, Protocol, Tuple

from django.conf import settings

from .markets import MarketRule, market_for
from .rates import TaxRates, current_rates

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Consignment:
    """One parcel to one address; amounts are net, in the shop currency."""

    country: str
    area: str = ""  # the US state code
    postal_code: str = ""
    city: str = ""
    street: str = ""
    # (reference such as the SKU, quantity, net amount of the line before promo codes)
    lines: Tuple[Tuple[str, int, Decimal], ...] = ()
    shipping: Decimal = ZERO
    currency: str = "USD"

    @property
    def goods(self) -> Decimal:
        return sum((amount for _, _, amount in self.lines), ZERO)

    def fingerprint(self) -> str:
        """Names this parcel exactly: a quote kept for it is used only for the same parcel."""
        return hashlib.sha256(json.dumps(asdict(self), default=str, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class TaxQuote:
    backend: str  # offline | stripe_tax
    market: str  # US | EU | UK | ROW, or "" for a country the shop does not sell to
    duties: str  # none | DDP | DAP
    label: str  # "VAT 19 % (DE)", "CA sales tax 7.25 %", "" when no tax
    rate: Decimal  # added to the net goods price
    shipping_rate: Decimal  # added to the net shipping price
    # Stripe Tax's calculation (taxcalc_...): the storefront records a Tax Transaction from it once paid.
    calculation: str = ""
    # (line reference such as the SKU, its rate) where the backend rated each line (Stripe Tax):
    # a line with another tax code pays its own rate; `rate` is then the lines' rate together.
    line_rates: Tuple[Tuple[str, Decimal], ...] = ()

    def rate_for(self, reference: str) -> Decimal:
        return dict(self.line_rates).get(reference, self.rate)

    def tax_on(self, net: Decimal, *, shipping: bool = False, reference: Optional[str] = None) -> Decimal:
        rate = self.shipping_rate if shipping else (self.rate if reference is None else self.rate_for(reference))
        return (net * rate).quantize(CENT, rounding=ROUND_HALF_UP)

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> "TaxQuote":
        raw: Dict[str, Any] = json.loads(text)
        return cls(
            backend=str(raw["backend"]), market=str(raw["market"]), duties=str(raw["duties"]),
            label=str(raw["label"]), rate=Decimal(raw["rate"]), shipping_rate=Decimal(raw["shipping_rate"]),
            calculation=str(raw.get("calculation") or ""),
            line_rates=tuple((str(reference), Decimal(rate)) for reference, rate in raw.get("line_rates") or ()),
        )

    def metadata(self) -> dict:
        """The order's public metadata keys (the storefront and exports read them)."""
        items = {
            "tax.backend": self.backend,
            "tax.market": self.market,
            "tax.label": self.label,
            "tax.rate": f"{self.rate.normalize():f}" if self.rate else "0",
            "tax.duties": self.duties,
        }
        if self.calculation:
            items["tax.calculation"] = self.calculation
        return items


class TaxBackend(Protocol):
    name: str

    def quote(self, consignment: Consignment) -> TaxQuote:
        ...


def percent(rate: Decimal) -> str:
    """0.0725 -> "7.25", 0.19 -> "19"."""
    return f"{(rate * 100).normalize():f}"


def label_for(market: str, country: str, area: str, rate: Decimal, *, one_rate: bool = True) -> str:
    """`one_rate` False: the lines pay different rates, so the label names none."""
    if not rate:
        return ""
    if market == "US":
        return f"{area} sales tax {percent(rate)} %" if one_rate else f"{area} sales tax"
    return f"VAT {percent(rate)} % ({country})" if one_rate else f"VAT ({country})"


def untaxed(backend: str, market: Optional[MarketRule], duties: Optional[str] = None) -> TaxQuote:
    return TaxQuote(
        backend=backend,
        market=market.code if market else "",
        duties=duties or (market.duties if market else "DAP"),
        label="",
        rate=ZERO,
        shipping_rate=ZERO,
    )


def nexus_states() -> Iterable[str]:
    return settings.TAX_NEXUS_STATES


def over_vat_threshold(rates: TaxRates, market: MarketRule, consignment: Consignment) -> bool:
    """IOSS (EU) and the UK's point-of-sale VAT cover consignments whose goods are worth at most
    EUR 150 / GBP 135 (shipping not counted); a bigger parcel is imported by the buyer."""
    threshold = "eu_ioss" if market.tax == "eu_vat" else "uk_low_value"
    return consignment.goods > rates.threshold_in_shop_currency(threshold)


class OfflineBackend:
    """Rates from the versioned file: the tests, a shop without Stripe keys, and the fallback."""

    name = "offline"

    def __init__(self, rates: Optional[TaxRates] = None) -> None:
        self.rates = rates or current_rates()

    def quote(self, consignment: Consignment) -> TaxQuote:
        market = market_for(consignment.country)
        if market is None or market.tax == "none":
            return untaxed(self.name, market)
        if market.tax == "us_sales_tax":
            state = self.rates.us_states.get(consignment.area.upper())
            if consignment.area.upper() not in nexus_states() or state is None:
                return untaxed(self.name, market)
            return TaxQuote(
                backend=self.name, market=market.code, duties=market.duties,
                label=label_for(market.code, consignment.country, consignment.area.upper(), state.rate),
                rate=state.rate, shipping_rate=state.rate if state.shipping_taxable else ZERO,
            )
        if over_vat_threshold(self.rates, market, consignment):
            return untaxed(self.name, market, duties="DAP")
        vat = self.rates.uk_vat if market.tax == "uk_vat" else self.rates.eu_vat.get(consignment.country.upper())
        if vat is None:
            return untaxed(self.name, market)
        return TaxQuote(
            backend=self.name, market=market.code, duties=market.duties,
            label=label_for(market.code, consignment.country.upper(), "", vat.rate),
            rate=vat.rate, shipping_rate=vat.rate,
        )
