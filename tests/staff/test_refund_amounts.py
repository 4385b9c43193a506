"""What a return refunds, worked out without Saleor: a unit's price less its share of the
order's discount, shipping once when chosen, never beyond what is left captured, and returns
made unit by unit add up to exactly a full return, rounding included."""
from dataclasses import dataclass
from decimal import Decimal

from saleor_client.values import Money
from staff.orders.refunds import return_refund


@dataclass(frozen=True)
class Line:
    id: str
    unit_price: Money
    unit_tax: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class Order:
    subtotal: Money
    shipping: Money
    discount: Money
    captured: Money
    lines: tuple[Line, ...]
    shipping_tax: Decimal = Decimal("0.00")


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


def order(*, lines: dict[str, str], quantities: dict[str, int], discount: str, shipping: str = "5.00",
          captured: str | None = None) -> Order:
    subtotal = sum(Decimal(lines[line_id]) * quantities[line_id] for line_id in lines)
    total = subtotal + Decimal(shipping) - Decimal(discount)
    return Order(subtotal=usd(str(subtotal)), shipping=usd(shipping), discount=usd(discount),
                 captured=usd(captured if captured is not None else str(total)),
                 lines=tuple(Line(line_id, usd(price)) for line_id, price in lines.items()))


def test_one_of_two_units_on_a_ten_percent_off_order_refunds_ninety_percent_of_its_price():
    two_claws = order(lines={"claw": "39.00"}, quantities={"claw": 2}, discount="7.80")

    refund = return_refund(two_claws, returning={"claw": 1}, returned_before={}, with_shipping=False,
                           shipping_refunded_before=False)

    assert (refund.items, refund.discount_share, refund.shipping, refund.amount) == (
        Decimal("39.00"), Decimal("3.90"), Decimal("0.00"), Decimal("35.10"))


def test_units_returned_one_at_a_time_refund_exactly_what_a_full_return_does():
    # A 1.00 discount over three 10.00 units cannot split evenly: 0.33 + 0.34 + 0.33.
    three = order(lines={"claw": "10.00"}, quantities={"claw": 3}, discount="1.00")
    refunds, returned = [], {"claw": 0}
    for _ in range(3):
        refund = return_refund(three, returning={"claw": 1}, returned_before=dict(returned),
                               with_shipping=False, shipping_refunded_before=False)
        refunds.append(refund.amount)
        returned["claw"] += 1
    whole = return_refund(three, returning={"claw": 3}, returned_before={}, with_shipping=False,
                          shipping_refunded_before=False)

    assert refunds == [Decimal("9.67"), Decimal("9.66"), Decimal("9.67")]
    assert sum(refunds) == whole.amount == Decimal("29.00")


def test_a_full_return_with_shipping_refunds_exactly_what_was_captured():
    mixed = order(lines={"claw": "39.00", "pack": "70.20"}, quantities={"claw": 1, "pack": 2}, discount="17.94",
                  shipping="19.00")

    refund = return_refund(mixed, returning={"claw": 1, "pack": 2}, returned_before={}, with_shipping=True,
                           shipping_refunded_before=False)

    assert refund.amount == mixed.captured.amount == Decimal("180.46")
    assert not refund.limited


def test_shipping_is_refunded_once_and_a_discount_beyond_the_items_falls_on_shipping():
    free_shipping = order(lines={"claw": "2.00"}, quantities={"claw": 1}, discount="4.00", shipping="5.00")

    first = return_refund(free_shipping, returning={"claw": 1}, returned_before={}, with_shipping=True,
                          shipping_refunded_before=False)
    again = return_refund(free_shipping, returning={"claw": 1}, returned_before={}, with_shipping=True,
                          shipping_refunded_before=True)

    assert (first.items, first.discount_share, first.shipping, first.amount) == (
        Decimal("2.00"), Decimal("2.00"), Decimal("3.00"), Decimal("3.00"))
    assert again.shipping == Decimal("0.00")


def test_a_return_after_an_earlier_refund_stops_at_what_is_left_captured():
    refunded_before = order(lines={"claw": "39.00"}, quantities={"claw": 2}, discount="0.00", captured="20.00")

    refund = return_refund(refunded_before, returning={"claw": 1}, returned_before={}, with_shipping=False,
                           shipping_refunded_before=False)

    assert refund.due == Decimal("39.00") and refund.amount == Decimal("20.00") and refund.limited
