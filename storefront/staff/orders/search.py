"""The admin's order search beyond Saleor's: by SKU or product, tracking number or carrier,
city or postcode, and note text.

Saleor 2.10 searches orders by number, e-mail and the account's names only
(`saleor/graphql/order/filters.py`, `filter_order_search`), so the shop keeps its own text per
order (`OrderSearchEntry`), with the order's list row beside it, so the hits ("Also found") are
drawn without a Saleor call each. It catches up when searched, at most once every
CATCH_UP_EVERY_SECONDS for the whole shop: orders newer than the newest indexed are read from
Saleor newest first (one call for up to 50 new orders) before the search; a staff action that
changes what is searched (shipping, tracking, a note, a return) indexes its order again.
`manage.py index_orders` indexes every order (a new shop or after a restore).
"""
from __future__ import annotations

import logging
from typing import Optional

from django.core.cache import cache
from django.db.models import Max

from saleor_client import paging
from saleor_client.client import SaleorClient, saleor_as_staff, saleor_as_storefront_app
from saleor_client.errors import SaleorError
from saleor_client.generated.enums import OrderStatus
from saleor_client.generated.enums import PaymentChargeStatusEnum as Charge
from saleor_client.values import Money

from ..auth import MANAGE_PRODUCTS
from ..models import OrderSearchEntry, StaffSession
from .selectors import OrderRow, StaffOrder, order_for_audit, selected_orders, staff_order_from

logger = logging.getLogger(__name__)

CATCH_UP_BATCH = 50
CATCH_UP_PAGES = 4  # at most 200 new orders per search; `index_orders` does the rest
RESULTS_SHOWN = 20
MIN_LENGTH = 3
# Staff typing a search word by word would each cost Saleor a page of 50 orders with their events.
CATCH_UP_EVERY_SECONDS = 5
CATCH_UP_KEY = "staff:order-search:caught-up"


def search_text(order: StaffOrder) -> str:
    address = order.shipping_address
    parts = [
        order.number, order.email, order.customer_name, order.customer_note,
        *(f"{line.sku} {line.product_name}" for line in order.lines),
        *(f"{shipment.tracking_number} {shipment.carrier.name if shipment.carrier else ''}" for shipment in order.shipments),
        *(note.message for note in order.notes),
    ]
    if address is not None:
        parts += [address.city, address.street, address.country, address.company]
    return " ".join(part for part in parts if part).lower()


def index(order: StaffOrder) -> None:
    row = order.as_row()
    OrderSearchEntry.objects.update_or_create(order_id=order.id, defaults={
        "number": int(order.number or 0), "text": search_text(order), "created": row.created, "email": row.email,
        "customer_name": row.customer_name, "status": row.status.value, "status_display": row.status_display,
        "payment_status": row.payment_status.value, "total_amount": row.total.amount,
        "total_currency": row.total.currency,
    })


def _row(entry: OrderSearchEntry) -> OrderRow:
    return OrderRow(
        id=entry.order_id, number=str(entry.number), created=entry.created, email=entry.email,
        customer_name=entry.customer_name, status=OrderStatus(entry.status), status_display=entry.status_display,
        payment_status=Charge(entry.payment_status), total=Money(entry.total_amount, entry.total_currency),
    )


def reindex(order_id: str) -> None:
    """After a staff action: read the order again (as the app: no staff session needed)."""
    order = order_for_audit(order_id)
    if order is not None:
        index(order)


def catch_up(client: SaleorClient, *, show_users: bool, show_stock: bool, pages: Optional[int] = CATCH_UP_PAGES) -> int:
    """Index orders newer than the newest indexed, newest first; returns how many."""
    newest = OrderSearchEntry.objects.aggregate(newest=Max("number"))["newest"] or 0
    done = 0
    for node in paging.nodes(lambda after: client.staff_orders_newest(
        first=CATCH_UP_BATCH, after=after, show_users=show_users, with_events=True, show_stock=show_stock,
    ).orders, most_pages=pages):
        order = staff_order_from(node)
        if int(order.number or 0) <= newest and pages is not None:
            break
        index(order)
        done += 1
    return done


def also_found(staff: StaffSession, text: str, *, listed: set[str]) -> list[OrderRow]:
    """The newest orders whose kept text contains `text`, as list rows, leaving out those `listed`
    already (after catching up with Saleor, at most once every CATCH_UP_EVERY_SECONDS)."""
    wanted = text.strip().lower()
    if len(wanted) < MIN_LENGTH:
        return []
    if cache.add(CATCH_UP_KEY, True, CATCH_UP_EVERY_SECONDS):
        try:
            catch_up(saleor_as_staff(staff), show_users=False, show_stock=staff.may(MANAGE_PRODUCTS))
        except SaleorError as error:  # search what is indexed; the next search catches up
            cache.delete(CATCH_UP_KEY)
            logger.warning("Order search index not caught up: %s", error)
    entries = [entry for entry in OrderSearchEntry.objects.filter(text__contains=wanted).order_by("-number")
               [:RESULTS_SHOWN + len(listed)] if entry.order_id not in listed][:RESULTS_SHOWN]
    # Entries indexed before rows were kept have no status: read those once from Saleor, and keep them.
    unrowed = {order.id: order for order in selected_orders(staff, [e.order_id for e in entries if not e.status])}
    for order in unrowed.values():
        index(order)
    return [unrowed[e.order_id].as_row() if e.order_id in unrowed else _row(e)
            for e in entries if e.status or e.order_id in unrowed]


def index_all() -> int:
    """Every order, as the storefront's app reads them."""
    return catch_up(saleor_as_storefront_app(), show_users=False, show_stock=False, pages=None)
