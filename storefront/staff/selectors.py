"""What the shop admin reads from Saleor: order pages and one order, with the admin's token."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from saleor_client.client import saleor
from saleor_client.errors import SaleorGraphQLError
from saleor_client.generated.enums import OrderStatusFilter, PaymentChargeStatusEnum
from saleor_client.generated.input_types import DateRangeInput, OrderFilterInput

from .auth import auth_headers
from .models import StaffSession

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# "Needs shipping": paid and not yet (fully) fulfilled.
DEFAULT_STATUS = "READY_TO_FULFILL"


@dataclass(frozen=True)
class OrderPage:
    rows: list[Any]
    total: int
    start_cursor: Optional[str]
    end_cursor: Optional[str]
    has_next: bool
    has_previous: bool


def orders_page(
    staff: StaffSession, *, status: str = "", payment: str = "", search: str = "",
    after: Optional[str] = None, before: Optional[str] = None,
) -> OrderPage:
    """One page of orders, newest first; always a single Saleor call, whatever the page size."""
    order_filter = OrderFilterInput(
        status=[OrderStatusFilter(status)] if status else None,
        payment_status=[PaymentChargeStatusEnum(payment)] if payment else None,
        search=search or None,
    )
    paging = {"last": PAGE_SIZE, "before": before} if before else {"first": PAGE_SIZE, "after": after}
    result = saleor().staff_orders(filter_=order_filter, **paging, **auth_headers(staff)).orders
    return OrderPage(
        rows=[edge.node for edge in result.edges],
        total=result.total_count or 0,
        start_cursor=result.page_info.start_cursor,
        end_cursor=result.page_info.end_cursor,
        has_next=result.page_info.has_next_page,
        has_previous=result.page_info.has_previous_page,
    )


def order_detail(staff: StaffSession, order_id: str):
    """The order, or None for an id Saleor does not know (or a malformed one)."""
    try:
        return saleor().staff_order(id=order_id, **auth_headers(staff)).order
    except SaleorGraphQLError as error:  # Saleor's answer to a malformed or unknown global id
        logger.info("Order %s not shown: %s", order_id, error)
        return None


LOW_STOCK = 10
EXPORT_BATCH = 100


def export_rows(staff: StaffSession, start, end) -> Iterator[list[str]]:
    """Orders placed between two dates (inclusive) as CSV rows, fetched 100 at a time."""
    yield ["number", "placed", "status", "payment", "email", "name", "country", "total", "currency"]
    after = None
    while True:
        result = saleor().staff_orders_export(
            first=EXPORT_BATCH, after=after, created=DateRangeInput(gte=start.isoformat(), lte=end.isoformat()), **auth_headers(staff)
        ).orders
        for edge in result.edges:
            order = edge.node
            address = order.shipping_address
            yield [
                order.number, str(order.created), order.status_display, order.payment_status_display,
                order.user_email, f"{address.first_name} {address.last_name}" if address else "",
                address.country.code if address else "", f"{order.total.gross.amount:.2f}", order.total.gross.currency,
            ]
        if not result.page_info.has_next_page:
            return
        after = result.page_info.end_cursor


@dataclass(frozen=True)
class StockLevel:
    product_name: str
    sku: str
    warehouse: str
    quantity: int
    allocated: int
    price: Any

    @property
    def available(self) -> int:
        return self.quantity - self.allocated

    @property
    def low(self) -> bool:
        return self.available < LOW_STOCK


def stock_level(staff: StaffSession, slug: str) -> Optional[StockLevel]:
    product = saleor().staff_product_stock(slug=slug, **auth_headers(staff)).product
    if product is None or not product.variants:
        return None
    variant = product.variants[0]
    stock = variant.stocks[0]
    return StockLevel(product.name, variant.sku, stock.warehouse.name, stock.quantity, stock.quantity_allocated,
                      product.base_price)
