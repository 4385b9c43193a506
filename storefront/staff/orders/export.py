"""Orders as CSV for the books: one row per order (money columns that reconcile with Saleor's
figures), one row per order line, or the tax collected per market and month, for a date range
or for the orders ticked on the list.

Times are in the shop's time zone (SHOP_TIME_ZONE) as ISO 8601 with the offset; the file starts
with a byte-order mark so Excel reads it as UTF-8 (LibreOffice does either way). A cell that a
spreadsheet would run as a formula starts with an apostrophe (OWASP's advice).
"""
from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Iterable, Iterator

from django.http import StreamingHttpResponse

from markets.books import tax_by_market_and_month
from markets.selectors import tax_returned_between, tax_reversed
from saleor_client import paging
from saleor_client.client import saleor_as_staff
from saleor_client.generated.enums import FulfillmentStatus
from saleor_client.generated.input_types import DateRangeInput

from ..auth import MANAGE_PRODUCTS, MANAGE_STAFF, MANAGE_USERS
from ..dashboard.sales import shop_zone
from ..models import StaffSession
from .selectors import StaffOrder, staff_order_from

EXPORT_BATCH = 25
ORDER_COLUMNS = [
    "number", "placed_at", "customer", "email", "country", "subtotal", "discount", "shipping", "tax", "tax_market",
    "tax_label", "tax_refunded", "total", "captured", "refunded", "net", "currency", "status", "payment", "carrier",
    "tracking",
]
TAX_COLUMNS = ["month", "market", "orders", "tax_collected", "tax_refunded", "tax_net", "currency"]
LINE_COLUMNS = ["number", "placed_at", "sku", "product", "quantity", "unit_price", "line_total", "shipped", "currency"]
# A spreadsheet runs a cell that starts with one of these as a formula (a buyer could name
# themselves =HYPERLINK(...)); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def orders_placed(staff: StaffSession, start: date, end: date) -> Iterator[StaffOrder]:
    """Orders placed from `start` to `end` (inclusive, the shop's days), oldest first. Saleor
    filters by its own (UTC) date: ask a day wider on both sides, keep the shop's days."""
    zone = shop_zone()
    created = DateRangeInput(gte=(start - timedelta(days=1)).isoformat(), lte=(end + timedelta(days=1)).isoformat())
    client = saleor_as_staff(staff)
    show_users = staff.may(MANAGE_STAFF) or staff.may(MANAGE_USERS)
    show_stock = staff.may(MANAGE_PRODUCTS)
    for node in paging.nodes(lambda after: client.staff_orders_export(
        first=EXPORT_BATCH, after=after, created=created, show_users=show_users, with_events=False, show_stock=show_stock,
    ).orders):
        order = staff_order_from(node)
        if order.created and start <= order.created.astimezone(zone).date() <= end:
            yield order


def _placed_at(order: StaffOrder) -> str:
    return order.created.astimezone(shop_zone()).isoformat(timespec="seconds") if order.created else ""


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def order_rows(orders: Iterable[StaffOrder]) -> Iterator[list[str]]:
    """captured = everything ever captured; refunded = the refunds; net = what the shop keeps
    (Saleor's totalCaptured). total = subtotal − discount + shipping; tax is included in it."""
    yield ORDER_COLUMNS
    for order in orders:
        address = order.shipping_address
        refunded = order.refunded.amount
        shipments = [shipment for shipment in order.shipments if shipment.status != FulfillmentStatus.CANCELED]
        yield [
            order.number, _placed_at(order), order.customer_name, order.email, address.country_code if address else "",
            _amount(order.subtotal.amount), _amount(order.discount.amount), _amount(order.shipping.amount),
            _amount(order.tax.amount), order.tax_line.market.code if order.tax_line and order.tax_line.market else "",
            order.tax_line.label if order.tax_line else "", _amount(tax_reversed(order.id)), _amount(order.total.amount), _amount(order.captured.amount + refunded),
            _amount(refunded), _amount(order.captured.amount), order.total.currency, order.status_display,
            order.payment_status_display,
            "; ".join(dict.fromkeys(shipment.carrier.name for shipment in shipments if shipment.carrier)),
            "; ".join(shipment.tracking_number for shipment in shipments if shipment.tracking_number),
        ]


def line_rows(orders: Iterable[StaffOrder]) -> Iterator[list[str]]:
    yield LINE_COLUMNS
    for order in orders:
        for line in order.lines:
            yield [
                order.number, _placed_at(order), line.sku, line.product_name, str(line.quantity),
                _amount(line.unit_price.amount), _amount(line.unit_price.amount * line.quantity),
                str(line.quantity_fulfilled), line.unit_price.currency,
            ]


def tax_rows(orders: Iterable[StaffOrder], start: date, end: date) -> Iterator[list[str]]:
    """Tax collected on the orders placed in the range, and given back by refunds made in it, per
    market and month."""
    zone = shop_zone()
    returned = tax_returned_between(datetime.combine(start, time(), zone), datetime.combine(end + timedelta(days=1), time(), zone))
    yield TAX_COLUMNS
    for row in tax_by_market_and_month(orders, returned, zone):
        yield [row.month, row.market, str(row.orders), _amount(row.collected), _amount(row.refunded), _amount(row.net),
               row.currency]


def inert(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """csv.writer writes into this and gets the line back: rows stream out one at a time."""

    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterable[list[str]], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # the byte-order mark: Excel then reads UTF-8
        for row in rows:
            yield writer.writerow([inert(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
