"""What the wallet sheet shows, in the shape Stripe's Express Checkout Element takes: amounts
in the currency's minor units, line items that add up (with the chosen rate) to the amount,
which is Saleor's total once the wallet has given an address."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Optional

from cart.selectors import Cart
from catalog.selectors import ProductCard
from markets.selectors import countries_sold_to, is_sanctioned
from saleor_client.values import Money
from shipping.selectors import ShippingZone, transit_days

# Saleor's shop currency has cents; a zero-decimal currency would be sent as it is.
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XAF", "XOF"})
# Rates shown when the sheet opens, before the wallet gives an address: the shop country's.
# Stripe asks for rates at once; these ids are never accepted when paying.
ESTIMATE_PREFIX = "estimate-"


def minor_units(money: Money) -> int:
    if money.currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(money.amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return int((money.amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SheetLine:
    name: str
    amount: int


@dataclass(frozen=True)
class SheetRate:
    id: str
    name: str
    amount: int
    delivery: str = ""

    def as_stripe(self) -> dict[str, Any]:
        rate: dict[str, Any] = {"id": self.id, "displayName": self.name, "amount": self.amount}
        days = transit_days(self.delivery)
        if days:
            rate["deliveryEstimate"] = {"minimum": {"unit": "business_day", "value": days[0]},
                                        "maximum": {"unit": "business_day", "value": days[1]}}
        return rate


@dataclass(frozen=True)
class Sheet:
    amount: int  # minor units; with an address, Saleor's total to the cent
    currency: str
    lines: tuple[SheetLine, ...]
    rates: tuple[SheetRate, ...]  # the chosen one first (the sheet preselects the first)

    def as_stripe(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "currency": self.currency.lower(),
            "lineItems": [{"name": line.name, "amount": line.amount} for line in self.lines],
            "shippingRates": [rate.as_stripe() for rate in self.rates],
        }


def shipped_to() -> tuple[str, ...]:
    """The countries the wallet may offer: those in a market, none under sanctions."""
    return tuple(sorted(code for code in countries_sold_to() if not is_sanctioned(code)))


def _line_name(name: str, quantity: int) -> str:
    return f"{name} × {quantity}" if quantity > 1 else name


def _estimate_rates(zone: Optional[ShippingZone]) -> tuple[SheetRate, ...]:
    return tuple(SheetRate(f"{ESTIMATE_PREFIX}{index}", rate.name, minor_units(rate.price), rate.delivery)
                 for index, rate in enumerate(zone.rates if zone else ()))


def opening_sheet_for_product(product: ProductCard, quantity: int, zone: Optional[ShippingZone]) -> Sheet:
    """Before an address: the product's price, and the shop country's rates."""
    line = SheetLine(_line_name(product.name, quantity), minor_units(product.price) * quantity)
    rates = _estimate_rates(zone)
    return Sheet(amount=line.amount + (rates[0].amount if rates else 0), currency=product.price.currency,
                 lines=(line,), rates=rates)


def opening_sheet_for_cart(cart: Cart, zone: Optional[ShippingZone]) -> Sheet:
    """Before an address: the cart's lines and saving, and the shop country's rates."""
    lines = [SheetLine(_line_name(line.product_name, line.quantity), minor_units(line.total)) for line in cart.lines]
    if cart.discount:
        lines.append(SheetLine("Discount", -minor_units(cart.discount)))
    rates = _estimate_rates(zone)
    amount = sum(line.amount for line in lines) + (rates[0].amount if rates else 0)
    return Sheet(amount=amount, currency=cart.total.currency or cart.subtotal.currency, lines=tuple(lines), rates=rates)


def sheet_for_checkout(cart: Cart) -> Sheet:
    """The sheet for the express checkout as Saleor prices it for the address given: the
    amount is Saleor's total; the line items and the chosen rate add up to it (what is left
    over is the tax, or the saving)."""
    amount = minor_units(cart.total)
    shipping = minor_units(cart.shipping)
    lines = [SheetLine(_line_name(line.product_name, line.quantity), minor_units(line.total)) for line in cart.lines]
    if cart.discount:
        lines.append(SheetLine(cart.discount_name or "Discount", -minor_units(cart.discount)))
    rest = amount - shipping - sum(line.amount for line in lines)
    if rest:
        lines.append(SheetLine("Tax" if rest > 0 else "Discount", rest))
    chosen = [SheetRate(option.id, option.name, shipping, option.delivery)
              for option in cart.shipping_options if option.id == cart.shipping_method_id]
    others = [SheetRate(option.id, option.name, minor_units(option.price), option.delivery)
              for option in cart.shipping_options if option.id != cart.shipping_method_id]
    return Sheet(amount=amount, currency=cart.total.currency, lines=tuple(lines), rates=tuple(chosen + others))
