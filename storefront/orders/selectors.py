"""A buyer's order, by Saleor's unguessable token. Never cached: its status changes."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from django.core.cache import cache
from pydantic import ValidationError

from core.addresses import address_fields, address_lines
from markets.selectors import OrderTax, ShownPrices, metadata_dict, order_tax
from saleor_client.client import saleor
from saleor_client.generated.fragments import BuyerOrder
from saleor_client.values import Money
from shipping.carriers import Carrier, carrier_of
from shipping.selectors import delivery_estimate


@dataclass(frozen=True)
class OrderLine:
    product_name: str
    sku: str
    quantity: int
    quantity_fulfilled: int
    unit_price: Money
    unit_price_net: Optional[Money] = None


@dataclass(frozen=True)
class Shipment:
    status: str
    tracking_number: str
    carrier: Optional[Carrier] = None

    @property
    def tracking_link(self) -> str:
        return self.carrier.link(self.tracking_number) if self.carrier else ""

    @property
    def progress(self) -> str:
        """In the buyer's words: "On its way with USPS" (Saleor says "FULFILLED")."""
        if self.status == "CANCELED":
            return "This shipment was cancelled"
        if self.carrier is None or not self.carrier.tracked:
            return "On its way" + (" by letter mail" if self.carrier else "")
        return f"On its way with {self.carrier.name}"


@dataclass(frozen=True)
class Order(ShownPrices):
    id: str
    token: str
    number: str
    created: datetime
    status: str
    status_display: str
    payment_status: str
    payment_status_display: str
    is_paid: bool
    email: str
    shipping_method: str
    shipping_address: tuple[str, ...]
    shipping_country: str
    lines: tuple[OrderLine, ...]
    subtotal: Money
    shipping: Money
    discount: Optional[Money]
    discount_name: str
    total: Money
    tax: Money
    shipments: tuple[Shipment, ...]
    tax_line: Optional[OrderTax] = None
    subtotal_net: Optional[Money] = None
    shipping_net: Optional[Money] = None

    @property
    def prices_net(self) -> bool:
        """US orders show prices before sales tax and the tax on its own line."""
        return self.tax_line is not None and self.tax_line.added

    @property
    def lines_shown(self) -> tuple[tuple[OrderLine, Money], ...]:
        """Each line with the unit price this buyer is shown (before tax in the US)."""
        return tuple((line, line.unit_price_net if self.prices_net and line.unit_price_net else line.unit_price)
                     for line in self.lines)

    @property
    def progress(self) -> str:
        """Where the order is, in the buyer's words (Saleor's say "Unfulfilled")."""
        return PROGRESS.get(self.status, self.status_display)

    @property
    def payment_progress(self) -> str:
        return PAYMENT_PROGRESS.get(self.payment_status, self.payment_status_display)

    @property
    def delivery(self) -> str:
        """The delivery estimate of the chosen method ("3–5 business days"), once it ships."""
        return delivery_estimate(self.shipping_method)

    @property
    def is_open(self) -> bool:
        return self.status in ("UNFULFILLED", "PARTIALLY_FULFILLED")


# Saleor's order and payment states, as the buyer would say them.
PROGRESS = {
    "UNFULFILLED": "We're packing your order",
    "PARTIALLY_FULFILLED": "Part of your order is on its way; we're packing the rest",
    "FULFILLED": "Your order is on its way",
    "CANCELED": "This order was canceled",
}
PAYMENT_PROGRESS = {
    "NOT_CHARGED": "Your card is authorized; it is charged shortly",
    "PARTIALLY_CHARGED": "Paid in part",
    "FULLY_CHARGED": "Paid",
    "PARTIALLY_REFUNDED": "Paid, part refunded",
    "FULLY_REFUNDED": "Refunded",
}


def order_by_token(token: str) -> Optional[Order]:
    try:
        uuid.UUID(token)
    except ValueError:
        return None
    order = saleor().order_for_buyer(token=token).order_by_token
    if order is None:
        return None
    return order_from_saleor(order)


def just_placed_order(token: str) -> Optional[Order]:
    """The order as checkoutComplete returned it a moment ago (orders.services.keep_placed_order),
    once: the page just after paying needs no second Saleor call. None when it is not kept."""
    kept = cache.get(placed_order_key(token))
    if kept is None:
        return None
    cache.delete(placed_order_key(token))
    try:
        return order_from_saleor(BuyerOrder.model_validate_json(kept))
    except ValidationError:  # kept by an older release, in another shape: ask Saleor
        return None


def placed_order_key(token: str) -> str:
    return f"orders:placed:{token}"


def order_from_saleor(order: BuyerOrder) -> Order:
    address = order.shipping_address
    tax = Money.from_saleor(order.total.tax if order.total else None)
    return Order(
        id=order.id,
        token=order.token,
        number=order.number or "",
        created=order.created if isinstance(order.created, datetime) else datetime.fromisoformat(str(order.created)),
        status=order.status.value,
        status_display=order.status_display or "",
        payment_status=order.payment_status.value if order.payment_status else "",
        payment_status_display=order.payment_status_display or "",
        is_paid=bool(order.is_paid),
        email=order.user_email or "",
        shipping_method=order.shipping_method_name or "",
        shipping_address=address_lines(address_fields(address)),
        shipping_country=address.country.code if address else "",
        lines=tuple(
            OrderLine(
                product_name=line.product_name,
                sku=line.product_sku,
                quantity=line.quantity,
                quantity_fulfilled=line.quantity_fulfilled,
                unit_price=Money.from_saleor(line.unit_price.gross if line.unit_price else None),
                unit_price_net=Money.from_saleor(line.unit_price.net) if line.unit_price else None,
            )
            for line in order.lines
            if line
        ),
        subtotal=Money.from_saleor(order.subtotal.gross if order.subtotal else None),
        shipping=Money.from_saleor(order.shipping_price.gross if order.shipping_price else None),
        discount=Money.from_saleor(order.discount) if order.discount and order.discount.amount else None,
        discount_name=order.discount_name or "",
        total=Money.from_saleor(order.total.gross if order.total else None),
        tax=tax,
        tax_line=order_tax(metadata=metadata_dict(order.metadata), amount=tax,
                           country=address.country.code if address else ""),
        subtotal_net=Money.from_saleor(order.subtotal.net) if order.subtotal else None,
        shipping_net=Money.from_saleor(order.shipping_price.net) if order.shipping_price else None,
        shipments=tuple(
            Shipment(status=f.status.value, tracking_number=f.tracking_number, carrier=carrier_of(f.metadata))
            for f in order.fulfillments
            if f
        ),
    )
