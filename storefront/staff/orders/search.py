"""The admin's order search beyond Saleor's: by SKU or product, tracking number or carrier,
city or postcode, and note text.

Saleor 2.10 searches orders by number, e-mail and the account's names only
(`saleor/graphql/order/filters.py`, `filter_order_search`), so the shop keeps its own text per
order (`OrderSearchEntry`). It catches up when searched: orders newer than the newest indexed
are read from Saleor newest first (one call for up to 50 new orders) before the search; a staff
action that changes what is searched (shipping, tracking, a note, a return) indexes its order
again. `manage.py index_orders` indexes every order (a new shop or after a restore).
"""
from __future__ import annotations

import logging
from typing import Optional

from django.db.models import Max

from saleor_client import paging
from saleor_client.client import SaleorClient, saleor_as_staff, saleor_as_storefront_app
from saleor_client.errors import SaleorError

from ..auth import MANAGE_PRODUCTS
from ..models import OrderSearchEntry, StaffSession
from .selectors import StaffOrder, order_for_audit, staff_order_from

logger = logging.getLogger(__name__)

CATCH_UP_BATCH = 50
CATCH_UP_PAGES = 4  # at most 200 new orders per search; `index_orders` does the rest
RESULTS_SHOWN = 20
MIN_LENGTH = 3


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
    OrderSearchEntry.objects.update_or_create(
        order_id=order.id, defaults={"number": int(order.number or 0), "text": search_text(order)}
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


def matching_order_ids(staff: StaffSession, text: str) -> list[str]:
    """The newest orders whose kept text contains `text` (after catching up with Saleor)."""
    wanted = text.strip().lower()
    if len(wanted) < MIN_LENGTH:
        return []
    try:
        catch_up(saleor_as_staff(staff), show_users=False, show_stock=staff.may(MANAGE_PRODUCTS))
    except SaleorError as error:  # search what is indexed; the next search catches up
        logger.warning("Order search index not caught up: %s", error)
    return list(
        OrderSearchEntry.objects.filter(text__contains=wanted).order_by("-number")
        .values_list("order_id", flat=True)[:RESULTS_SHOWN]
    )


def index_all() -> int:
    """Every order, as the storefront's app reads them."""
    return catch_up(saleor_as_storefront_app(), show_users=False, show_stock=False, pages=None)
