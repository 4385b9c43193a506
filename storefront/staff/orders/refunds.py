"""What a return refunds, worked out in one place.

A buyer is refunded what they paid for the units that came back: the line price less those
units' share of the order-level discount (a WELCOME10-style voucher), plus the shipping they
paid when the admin chooses to refund it, and never more than is still captured.

Saleor 2.10 keeps an entire-order voucher as one `Order.discount` amount beside undiscounted
line prices (`total = subtotal + shipping - discount`), so the share is pro-rated here by the
lines' value. Shares are rounded to the cent on everything returned so far and the earlier
returns' shares taken away, so returning an order unit by unit ends at exactly what a full
return refunds: the last unit absorbs the rounding.

Prices are Saleor's gross prices, so each share carries its tax too. The tax a refund reverses
is worked out the same way: the returned units' tax (Saleor's unit gross less net), less the tax
in their discount share, plus the shipping's tax when shipping is refunded; one of two units
reverses exactly half of the line's tax. A refund capped at what is left captured reverses the
tax in proportion.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Protocol, Sequence

from saleor_client.values import Money

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class PricedLine(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def unit_price(self) -> Money: ...
    @property
    def unit_tax(self) -> Decimal: ...


class DiscountedOrder(Protocol):
    """What the calculation reads of an order (`staff.orders.selectors.StaffOrder` has it);
    read-only, as the frozen dataclasses are."""

    @property
    def subtotal(self) -> Money: ...
    @property
    def shipping(self) -> Money: ...
    @property
    def discount(self) -> Money: ...
    @property
    def captured(self) -> Money: ...
    @property
    def shipping_tax(self) -> Decimal: ...
    @property
    def lines(self) -> Sequence[PricedLine]: ...


@dataclass(frozen=True)
class RefundBreakdown:
    """A return's refund, line by line, as the admin confirms it and the buyer is told it."""

    currency: str
    items: Decimal  # the returned units at their line price
    discount_share: Decimal  # their share of the order's discount (taken off)
    shipping: Decimal  # the shipping paid, when it is refunded too
    left_captured: Decimal  # what the order still has captured: no refund goes beyond it
    tax_due: Decimal = ZERO  # the tax included in `due`

    @property
    def due(self) -> Decimal:
        return self.items - self.discount_share + self.shipping

    @property
    def amount(self) -> Decimal:
        """What is refunded: what is due, capped at what is left captured."""
        return max(min(self.due, self.left_captured), ZERO)

    @property
    def tax(self) -> Decimal:
        """The tax this refund reverses: the tax in what is due, in proportion when capped."""
        if self.due <= 0 or self.amount >= self.due:
            return self.tax_due
        return (self.tax_due * self.amount / self.due).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def limited(self) -> bool:
        """Earlier refunds left less captured than these items are worth."""
        return self.due > self.left_captured


def _value(order: DiscountedOrder, counts: Mapping[str, int]) -> Decimal:
    return sum((line.unit_price.amount * counts.get(line.id, 0) for line in order.lines), ZERO)


def _discount_on(order: DiscountedOrder, counts: Mapping[str, int], item_discount: Decimal) -> Decimal:
    if order.subtotal.amount <= 0 or item_discount <= 0:
        return ZERO
    share = item_discount * _value(order, counts) / order.subtotal.amount
    return min(share, item_discount).quantize(CENT, rounding=ROUND_HALF_UP)


def _tax_on(order: DiscountedOrder, counts: Mapping[str, int], item_discount: Decimal) -> Decimal:
    """The tax in these units' price, less the tax in their share of the discount."""
    tax = sum((line.unit_tax * counts.get(line.id, 0) for line in order.lines), ZERO)
    if order.subtotal.amount > 0 and item_discount > 0:
        tax = tax * (order.subtotal.amount - item_discount) / order.subtotal.amount
    return tax.quantize(CENT, rounding=ROUND_HALF_UP)


def shipping_tax_paid(order: DiscountedOrder) -> Decimal:
    if order.shipping.amount <= 0:
        return ZERO
    return (order.shipping_tax * shipping_paid(order) / order.shipping.amount).quantize(CENT, rounding=ROUND_HALF_UP)


def shipping_paid(order: DiscountedOrder) -> Decimal:
    """The shipping the buyer paid: any discount beyond the items' value fell on shipping."""
    item_discount = min(order.discount.amount, order.subtotal.amount)
    return max(order.shipping.amount - (order.discount.amount - item_discount), ZERO)


def return_refund(
    order: DiscountedOrder,
    *,
    returning: Mapping[str, int],
    returned_before: Mapping[str, int],
    with_shipping: bool,
    shipping_refunded_before: bool,
) -> RefundBreakdown:
    """The refund for `returning` units per line id, after `returned_before` units came back."""
    item_discount = min(order.discount.amount, order.subtotal.amount)
    after = {line.id: returned_before.get(line.id, 0) + returning.get(line.id, 0) for line in order.lines}
    share = _discount_on(order, after, item_discount) - _discount_on(order, returned_before, item_discount)
    shipping = with_shipping and not shipping_refunded_before
    return RefundBreakdown(
        currency=order.captured.currency,
        items=_value(order, returning),
        discount_share=share,
        shipping=shipping_paid(order) if shipping else ZERO,
        left_captured=order.captured.amount,
        tax_due=_tax_on(order, after, item_discount) - _tax_on(order, returned_before, item_discount)
        + (shipping_tax_paid(order) if shipping else ZERO),
    )


def refund_tax(*, tax: Decimal, total: Decimal, amount: Decimal) -> Decimal:
    """The tax an amount-only refund reverses: its share of the order's total."""
    if total <= 0 or tax <= 0:
        return ZERO
    return min(tax * amount / total, tax).quantize(CENT, rounding=ROUND_HALF_UP)
