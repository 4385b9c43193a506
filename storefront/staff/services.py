"""The shop admin's actions, each through Saleor's own mutation (order events, stock and the
payment gateway included), under a per-order lock so a double submission runs one at a time."""
from __future__ import annotations

import logging
from decimal import Decimal

from catalog.selectors import purge_catalog
from core.locks import order_lock
from orders.services import queue_order_email
from saleor_client.client import saleor
from saleor_client.errors import SaleorValidationError, raise_for_errors
from saleor_client.generated.input_types import OrderFulfillLineInput, OrderFulfillStockInput
from saleor_client.values import Money

from .auth import auth_headers
from .models import StaffSession
from .selectors import order_detail

logger = logging.getLogger(__name__)


class StaffActionError(Exception):
    """The action was refused; the message says why, for the admin."""


def _checked(errors, action: str) -> None:
    try:
        raise_for_errors(errors)
    except SaleorValidationError as error:
        raise StaffActionError(f"{action} failed: {error.errors[0].message}") from error


def _order(staff: StaffSession, order_id: str):
    order = order_detail(staff, order_id)
    if order is None:
        raise StaffActionError("There is no such order.")
    return order


def captured(order) -> Decimal:
    return Money.from_saleor(order.total_captured).amount


def fulfil(staff: StaffSession, order_id: str, tracking_number: str, quantities: dict[str, int]) -> int:
    """Ship the given quantity of each line, record the tracking number, e-mail the customer."""
    with order_lock(order_id):
        order = _order(staff, order_id)
        lines = []
        for line in order.lines:
            wanted = quantities.get(line.id, 0)
            remaining = line.quantity - line.quantity_fulfilled
            if wanted > remaining:
                raise StaffActionError(
                    f"You can't ship {wanted} of {line.product_name}: only {remaining} not shipped yet."
                )
            if wanted > 0:
                warehouse = line.variant.stocks[0].warehouse.id
                lines.append(OrderFulfillLineInput(
                    order_line_id=line.id, stocks=[OrderFulfillStockInput(quantity=wanted, warehouse=warehouse)],
                ))
        if not lines:
            raise StaffActionError("Nothing to ship: everything has been shipped, or all quantities are 0.")
        result = saleor().staff_fulfil(order=order_id, lines=lines, **auth_headers(staff)).order_fulfill
        _checked(result.order_errors, "Fulfilment")
        fulfillment_id = result.fulfillments[-1].id
        tracking = saleor().staff_update_tracking(
            id=fulfillment_id, tracking_number=tracking_number, **auth_headers(staff)
        ).order_fulfillment_update_tracking
        _checked(tracking.order_errors, "Saving the tracking number")
        queue_order_email(order_token=order.token, kind="shipped", key=fulfillment_id,
                          details={"tracking_number": tracking_number})
    return sum(line.stocks[0].quantity for line in lines)


def refund(staff: StaffSession, order_id: str, amount: Decimal) -> None:
    with order_lock(order_id):
        order = _order(staff, order_id)
        if amount > captured(order):
            raise StaffActionError(f"You can refund at most {captured(order)} (what was captured).")
        result = saleor().order_refund(order_id=order_id, amount=amount, **auth_headers(staff)).order_refund
        _checked(result.order_errors, "Refund")
        # Keyed by what was captured before: the same refund submitted twice is one e-mail.
        queue_order_email(order_token=order.token, kind="refunded", key=f"{captured(order)}-{amount}",
                          details={"amount": str(amount)})


def cancel(staff: StaffSession, order_id: str) -> Decimal:
    """Cancel (Saleor releases the stock); a captured payment is refunded in full first."""
    with order_lock(order_id):
        order = _order(staff, order_id)
        if order.status.value == "CANCELED":
            raise StaffActionError("This order is already canceled.")
        if any(line.quantity_fulfilled for line in order.lines):
            raise StaffActionError("Part of this order has shipped: refund what should be refunded instead of canceling.")
        refunded = captured(order)
        if refunded > 0:
            result = saleor().order_refund(order_id=order_id, amount=refunded, **auth_headers(staff)).order_refund
            _checked(result.order_errors, "Refunding before canceling")
        result = saleor().staff_cancel(id=order_id, **auth_headers(staff)).order_cancel
        _checked(result.order_errors, "Cancel")
        queue_order_email(order_token=order.token, kind="cancelled", details={"refunded": str(refunded)})
        return refunded


def add_note(staff: StaffSession, order_id: str, message: str) -> None:
    result = saleor().staff_add_note(order=order_id, message=message, **auth_headers(staff)).order_add_note
    _checked(result.order_errors, "Adding the note")


def capture(staff: StaffSession, order_id: str) -> Decimal:
    """Capture what is authorized and not yet captured."""
    with order_lock(order_id):
        order = _order(staff, order_id)
        to_capture = Money.from_saleor(order.total.gross).amount - captured(order)
        if to_capture <= 0:
            raise StaffActionError("There is nothing left to capture on this order.")
        result = saleor().order_capture(order_id=order_id, amount=to_capture, **auth_headers(staff)).order_capture
        _checked(result.order_errors, "Capture")
        return to_capture


def change_tracking(staff: StaffSession, order_id: str, fulfillment_id: str, tracking_number: str) -> None:
    order = _order(staff, order_id)
    if fulfillment_id not in {f.id for f in order.fulfillments if f}:
        raise StaffActionError("That shipment is not part of this order.")
    result = saleor().staff_update_tracking(
        id=fulfillment_id, tracking_number=tracking_number, **auth_headers(staff)
    ).order_fulfillment_update_tracking
    _checked(result.order_errors, "Changing the tracking number")


def set_stock_and_price(staff: StaffSession, slug: str, *, quantity: int, price: Decimal) -> None:
    """Through Saleor's product mutations; the catalog cache is purged so pages show it at once."""
    product = saleor().staff_product_stock(slug=slug, **auth_headers(staff)).product
    if product is None:
        raise StaffActionError("There is no such product.")
    variant = product.variants[0]
    stock = saleor().staff_set_stock(
        variant_id=variant.id, warehouse_id=variant.stocks[0].warehouse.id, quantity=quantity, **auth_headers(staff)
    ).product_variant_stocks_update
    _checked(stock.bulk_stock_errors, "Setting the stock")
    priced = saleor().staff_set_price(product_id=product.id, price=price, **auth_headers(staff)).product_update
    _checked(priced.product_errors, "Setting the price")
    purge_catalog()
