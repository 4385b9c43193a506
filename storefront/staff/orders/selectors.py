"""What the shop admin reads from Saleor, with the admin's own token, as plain values.

Templates and services get frozen dataclasses (`OrderRow`, `StaffOrder`, `StockLevel`, with
`Money` amounts); decisions such as "can this be captured" are properties here, never
comparisons of Saleor's codes in a template.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Optional

from core.addresses import address_fields, address_lines
from markets.selectors import OrderTax, metadata_dict, order_tax
from saleor_client import global_ids
from saleor_client.client import saleor_as_staff, saleor_as_storefront_app
from saleor_client.errors import SaleorGraphQLError, present
from saleor_client.generated.enums import FulfillmentStatus, OrderStatus, OrderStatusFilter, TransactionKind
from saleor_client.generated.enums import PaymentChargeStatusEnum as Charge
from saleor_client.generated.input_types import OrderFilterInput
from saleor_client.values import Money, parse_datetime
from shipping.carriers import Carrier, carrier_of

from ..auth import MANAGE_PRODUCTS
from ..models import StaffSession
from .words import CAPTURABLE, charge_words

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# "Needs shipping": paid and not yet (fully) fulfilled.
DEFAULT_STATUS = "READY_TO_FULFILL"


@dataclass(frozen=True)
class Address:
    name: str
    company: str
    street: str
    city: str
    country: str
    country_code: str
    phone: str
    formatted: tuple[str, ...] = ()  # the lines in the country's own order (core.addresses)

    @classmethod
    def from_saleor(cls, address: Any) -> Optional[Address]:
        if address is None:
            return None
        return cls(
            name=f"{address.first_name} {address.last_name}".strip(),
            company=address.company_name or "",
            street=" ".join(filter(None, [address.street_address_1, address.street_address_2])),
            city=" ".join(filter(None, [address.postal_code, address.city, address.country_area])),
            country=address.country.country,
            country_code=address.country.code,
            phone=address.phone or "",
            formatted=address_lines(address_fields(address)),
        )

    @property
    def lines(self) -> tuple[str, ...]:
        return self.formatted or tuple(filter(None, [self.name, self.company, self.street, self.city, self.country]))


@dataclass(frozen=True)
class OrderRow:
    """One order in a list."""

    id: str
    number: str
    created: Optional[datetime]
    email: str
    customer_name: str
    status: OrderStatus
    status_display: str
    payment_status: Charge
    total: Money

    @property
    def payment_status_display(self) -> str:
        return charge_words(self.payment_status)

    @classmethod
    def from_saleor(cls, order: Any) -> OrderRow:
        address = order.shipping_address
        return cls(
            id=order.id,
            number=order.number or "",
            created=parse_datetime(order.created),
            email=order.user_email or "",
            customer_name=f"{address.first_name} {address.last_name}".strip() if address else "",
            status=order.status,
            status_display=order.status_display or "",
            payment_status=order.payment_status or Charge.NOT_CHARGED,
            total=Money.from_saleor(order.total.gross if order.total else None),
        )


@dataclass(frozen=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    total: int
    start_cursor: Optional[str]
    end_cursor: Optional[str]
    has_next: bool
    has_previous: bool


def _well_formed_cursor(cursor: Optional[str]) -> Optional[str]:
    """Saleor 2.10's cursors for the number-sorted list are base64 JSON of the one sort value,
    the order's primary key (`OrderSortField.NUMBER = ["pk"]`): `["57"]`. Anything else (a
    hand-edited link) would make Saleor fail the query, so it is dropped: the first page."""
    if not cursor:
        return None
    try:
        values = json.loads(base64.b64decode(cursor, validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str) and global_ids.ASCII_NUMBER.match(values[0]):
        return cursor
    return None


def orders_page(
    staff: StaffSession, *, status: str = "", payment: str = "", search: str = "",
    after: Optional[str] = None, before: Optional[str] = None,
) -> OrderPage:
    """One page of orders, newest first; a single Saleor call, whatever the page size. A cursor
    that is malformed, or that Saleor refuses, gives the first page."""
    order_filter = OrderFilterInput(
        status=[OrderStatusFilter(status)] if status else None,
        payment_status=[Charge(payment)] if payment else None,
        search=search or None,
    )
    after, before = _well_formed_cursor(after), _well_formed_cursor(before)
    paging = {"last": PAGE_SIZE, "before": before} if before else {"first": PAGE_SIZE, "after": after}
    client = saleor_as_staff(staff)
    try:
        result = present(client.staff_orders(filter_=order_filter, **paging).orders, "orders")
    except SaleorGraphQLError as error:
        if not (after or before):
            raise
        logger.info("Cursor refused by Saleor (%s); showing the first page", error)
        result = present(client.staff_orders(filter_=order_filter, first=PAGE_SIZE).orders, "orders")
    return OrderPage(
        rows=tuple(OrderRow.from_saleor(edge.node) for edge in result.edges),
        total=result.total_count or 0,
        start_cursor=result.page_info.start_cursor,
        end_cursor=result.page_info.end_cursor,
        has_next=result.page_info.has_next_page,
        has_previous=result.page_info.has_previous_page,
    )


@dataclass(frozen=True)
class OrderLine:
    id: str
    product_name: str
    sku: str
    quantity: int
    quantity_fulfilled: int
    unit_price: Money
    variant_id: str
    warehouse_id: str
    unit_price_net: Optional[Money] = None

    @property
    def unit_tax(self) -> Decimal:
        """The tax in one unit's price (Saleor's unit gross less net)."""
        return self.unit_price.amount - self.unit_price_net.amount if self.unit_price_net else Decimal("0.00")

    @property
    def not_shipped(self) -> int:
        return self.quantity - self.quantity_fulfilled


GATEWAY_NAMES = {"qlclaw.payments.stripe": "Card (Stripe)"}


@dataclass(frozen=True)
class Payment:
    id: str
    gateway: str
    charge_status: Charge
    is_active: bool
    captured: Money
    total: Money
    intent_id: str  # Stripe's PaymentIntent, from the successful transactions
    authorized: bool  # some authorization or capture succeeded
    refunded: Money = Money(Decimal("0.00"), "USD")  # the successful refunds, summed

    @property
    def declined(self) -> bool:
        """An attempt that never got money: e.g. the declined card before the one that paid."""
        return not self.authorized and self.charge_status == Charge.NOT_CHARGED

    @property
    def gateway_name(self) -> str:
        return GATEWAY_NAMES.get(self.gateway, self.gateway)

    @property
    def status_words(self) -> str:
        if self.declined:
            return "Declined"
        if self.charge_status == Charge.NOT_CHARGED:
            return "Authorized, not charged yet" if self.is_active else "Released (voided)"
        return charge_words(self.charge_status)


@dataclass(frozen=True)
class Shipment:
    id: str
    status: FulfillmentStatus
    tracking_number: str
    created: Optional[datetime]
    carrier: Optional[Carrier] = None

    @property
    def tracking_link(self) -> str:
        return self.carrier.link(self.tracking_number) if self.carrier else ""

    @property
    def status_words(self) -> str:
        return "Cancelled" if self.status == FulfillmentStatus.CANCELED else "Shipped"


# Saleor's order events in the admin's words.
EVENT_WORDS = {
    "DRAFT_CREATED": "Draft created",
    "DRAFT_ADDED_PRODUCTS": "Products added to the draft",
    "DRAFT_REMOVED_PRODUCTS": "Products removed from the draft",
    "PLACED": "Order placed",
    "PLACED_FROM_DRAFT": "Order placed from a draft",
    "OVERSOLD_ITEMS": "Items oversold",
    "CANCELED": "Order cancelled",
    "ORDER_MARKED_AS_PAID": "Marked as paid",
    "ORDER_FULLY_PAID": "Paid in full",
    "UPDATED_ADDRESS": "Address changed",
    "EMAIL_SENT": "E-mail sent",
    "PAYMENT_CAPTURED": "Payment captured",
    "PAYMENT_REFUNDED": "Payment refunded",
    "PAYMENT_VOIDED": "Payment released",
    "PAYMENT_FAILED": "Payment failed",
    "FULFILLMENT_CANCELED": "Shipment cancelled",
    "FULFILLMENT_RESTOCKED_ITEMS": "Items put back in stock",
    "FULFILLMENT_FULFILLED_ITEMS": "Items shipped",
    "TRACKING_UPDATED": "Tracking number changed",
    "NOTE_ADDED": "Note added",
    "OTHER": "Other",
}


@dataclass(frozen=True)
class TimelineEvent:
    kind: str  # Saleor's event type, e.g. NOTE_ADDED
    when: Optional[datetime]
    what: str
    who: str  # the staff member's name (or e-mail); empty for the buyer and the shop's own jobs
    message: str
    amount: Optional[Money]
    email: str
    quantity: Optional[int]


def _event(event: Any, currency: str) -> TimelineEvent:
    user = event.user
    who = ""
    if user is not None:
        who = f"{user.first_name} {user.last_name}".strip() or user.email
    kind = event.type_.value if event.type_ else "OTHER"
    return TimelineEvent(
        kind=kind,
        when=parse_datetime(event.date),
        what=EVENT_WORDS.get(kind, kind.replace("_", " ").capitalize()),
        who=who,
        message=event.message or "",
        amount=Money(Decimal(str(event.amount)).quantize(Decimal("0.01")), currency) if event.amount else None,
        email=event.email or "",
        quantity=event.quantity,
    )


@dataclass(frozen=True)
class StaffOrder:
    id: str
    token: str
    number: str
    created: Optional[datetime]
    email: str
    status: OrderStatus
    status_display: str
    payment_status: Charge
    customer_note: str
    shipping_method: str
    shipping_address: Optional[Address]
    billing_address: Optional[Address]
    subtotal: Money
    shipping: Money
    discount: Money  # order-level (a voucher on the entire order); line prices are before it
    total: Money
    tax: Money  # included in the total (Saleor's gross less net)
    captured: Money
    lines: tuple[OrderLine, ...]
    payments: tuple[Payment, ...]
    shipments: tuple[Shipment, ...]
    events: tuple[TimelineEvent, ...]
    tax_line: Optional[OrderTax] = None
    shipping_net: Optional[Money] = None

    @property
    def shipping_tax(self) -> Decimal:
        return self.shipping.amount - self.shipping_net.amount if self.shipping_net else Decimal("0.00")

    @property
    def payment_status_display(self) -> str:
        return charge_words(self.payment_status)

    @property
    def is_canceled(self) -> bool:
        return self.status == OrderStatus.CANCELED

    @property
    def has_shipped_anything(self) -> bool:
        return any(line.quantity_fulfilled for line in self.lines)

    @property
    def left_to_capture(self) -> Decimal:
        return max(self.total.amount - self.captured.amount, Decimal("0.00"))

    @property
    def can_capture(self) -> bool:
        """An authorized payment not (fully) captured yet, on an order still open."""
        return (
            not self.is_canceled
            and self.payment_status in CAPTURABLE
            and any(payment.authorized and payment.is_active for payment in self.payments)
            and self.left_to_capture > 0
        )

    @property
    def can_refund(self) -> bool:
        return self.captured.amount > 0

    @property
    def can_cancel(self) -> bool:
        return not self.is_canceled and not self.has_shipped_anything

    @property
    def lines_to_ship(self) -> tuple[OrderLine, ...]:
        return tuple(line for line in self.lines if line.not_shipped > 0)

    @property
    def warehouses_known(self) -> bool:
        """False for staff to whom Saleor shows no stock: they cannot ship (or restock)."""
        return all(line.warehouse_id for line in self.lines)

    @property
    def customer_name(self) -> str:
        return self.shipping_address.name if self.shipping_address else ""

    def as_row(self) -> OrderRow:
        return OrderRow(id=self.id, number=self.number, created=self.created, email=self.email,
                        customer_name=self.customer_name, status=self.status, status_display=self.status_display,
                        payment_status=self.payment_status, total=self.total)

    @property
    def refunded(self) -> Money:
        return Money(sum((payment.refunded.amount for payment in self.payments), Decimal("0.00")), self.total.currency)

    @property
    def notes(self) -> tuple[TimelineEvent, ...]:
        """The staff's notes on the order (the packing slip prints them)."""
        return tuple(event for event in self.events if event.kind == "NOTE_ADDED" and event.message)

    @property
    def left_to_ship(self) -> dict[str, int]:
        """Per line id, the units not shipped yet: what "ship everything" ships."""
        return {line.id: line.not_shipped for line in self.lines if line.not_shipped > 0}


def _payment(payment: Any) -> Payment:
    transactions = [t for t in payment.transactions or [] if t]
    succeeded = [t for t in transactions if t.is_success and t.kind in (TransactionKind.AUTH, TransactionKind.CAPTURE)]
    intents = [t.token for t in succeeded if t.token.startswith("pi_")]
    captured = Money.from_saleor(payment.captured_amount)
    refunds = [Money.from_saleor(t.amount).amount for t in transactions if t.is_success and t.kind == TransactionKind.REFUND]
    return Payment(
        refunded=Money(sum(refunds, Decimal("0.00")), captured.currency),
        id=payment.id,
        gateway=payment.gateway,
        charge_status=payment.charge_status,
        is_active=payment.is_active,
        captured=captured,
        total=Money.from_saleor(payment.total),
        intent_id=intents[0] if intents else "",
        authorized=bool(succeeded),
    )


def _line(line: Any) -> OrderLine:
    variant = line.variant
    stocks = [stock for stock in (variant.stocks or []) if stock] if variant else []
    return OrderLine(
        id=line.id,
        product_name=line.product_name,
        sku=line.product_sku,
        quantity=line.quantity,
        quantity_fulfilled=line.quantity_fulfilled,
        unit_price=Money.from_saleor(line.unit_price.gross if line.unit_price else None),
        variant_id=variant.id if variant else "",
        warehouse_id=stocks[0].warehouse.id if stocks else "",
        unit_price_net=Money.from_saleor(line.unit_price.net) if line.unit_price else None,
    )


ORDER_NUMBER = re.compile(r"^#?\s*([0-9]{1,12})$")


def order_id_for_number(search: str) -> Optional[str]:
    """"#2" or "2", as the admin writes order numbers, as Saleor's id for that order. Saleor 2.10
    numbers orders by their primary key (`Order.number` is `str(pk)`), and its search would match
    every number containing the digits."""
    match = ORDER_NUMBER.match(search.strip())
    return global_ids.encode("Order", int(match.group(1))) if match else None


def order_detail(staff: StaffSession, order_id: str) -> Optional[StaffOrder]:
    """The order, or None for an id Saleor does not know (or a malformed one)."""
    show_users = staff.may("MANAGE_STAFF") or staff.may("MANAGE_USERS")
    try:
        order = saleor_as_staff(staff).staff_order(
            id=order_id, show_users=show_users, show_stock=staff.may(MANAGE_PRODUCTS), with_events=True
        ).order
    except SaleorGraphQLError as error:  # Saleor's answer to a malformed or unknown global id
        logger.info("Order %s not shown: %s", order_id, error)
        return None
    return staff_order_from(order) if order is not None else None


MAX_SELECTED = 50


def selected_orders(staff: StaffSession, order_ids: list[str]) -> tuple[StaffOrder, ...]:
    """The orders ticked on the list (at most MAX_SELECTED), in the order given; ids Saleor does
    not know are left out."""
    orders = (order_detail(staff, order_id) for order_id in dict.fromkeys(order_ids[:MAX_SELECTED]))
    return tuple(order for order in orders if order is not None)


def order_for_audit(order_id: str) -> Optional[StaffOrder]:
    """The order as the storefront's app reads it (no staff session): for the shop's own
    checks run from the command line. Who did each event is not shown."""
    try:
        order = saleor_as_storefront_app().staff_order(
            id=order_id, show_users=False, show_stock=False, with_events=True
        ).order
    except SaleorGraphQLError as error:
        logger.info("Order %s not read: %s", order_id, error)
        return None
    return staff_order_from(order) if order is not None else None


def staff_order_from(order: Any) -> StaffOrder:
    total = Money.from_saleor(order.total.gross if order.total else None)
    tax = Money.from_saleor(order.total.tax if order.total else None, total.currency)
    return StaffOrder(
        id=order.id,
        token=order.token,
        number=order.number or "",
        created=parse_datetime(order.created),
        email=order.user_email or "",
        status=order.status,
        status_display=order.status_display or "",
        payment_status=order.payment_status or Charge.NOT_CHARGED,
        customer_note=order.customer_note or "",
        shipping_method=order.shipping_method_name or "",
        shipping_address=Address.from_saleor(order.shipping_address),
        billing_address=Address.from_saleor(order.billing_address),
        subtotal=Money.from_saleor(order.subtotal.gross if order.subtotal else None),
        shipping=Money.from_saleor(order.shipping_price.gross if order.shipping_price else None),
        discount=Money.from_saleor(order.discount, total.currency),
        total=total,
        tax=tax,
        tax_line=order_tax(metadata=metadata_dict(order.metadata), amount=tax,
                           country=order.shipping_address.country.code if order.shipping_address else ""),
        shipping_net=Money.from_saleor(order.shipping_price.net) if order.shipping_price else None,
        captured=Money.from_saleor(order.total_captured),
        lines=tuple(_line(line) for line in order.lines if line),
        payments=tuple(_payment(payment) for payment in order.payments or [] if payment),
        shipments=tuple(
            Shipment(id=f.id, status=f.status, tracking_number=f.tracking_number, created=parse_datetime(f.created),
                     carrier=carrier_of(f.metadata))
            for f in order.fulfillments if f
        ),
        events=tuple(_event(event, total.currency) for event in order.events or [] if event),
    )
