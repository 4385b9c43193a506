"""Setting the featured product's stock and price through Saleor, with the admin's token."""
from __future__ import annotations

from decimal import Decimal

from core.locks import stock_lock
from saleor_client.client import saleor_as_staff
from saleor_client.errors import present
from shared_cache.generation import purge_catalog

from ..errors import StaffActionError, checked
from ..models import StaffSession
from ..signals import stock_changed
from .selectors import stock_level


def set_stock_and_price(*, staff: StaffSession, slug: str, quantity: int, price: Decimal) -> None:
    """Through Saleor's product mutations; the catalog cache is purged so pages show it at once."""
    level = stock_level(staff, slug)
    if level is None:
        raise StaffActionError("There is no such product.")
    client = saleor_as_staff(staff)
    with stock_lock(level.variant_id):
        stock = present(client.staff_set_stock(
            variant_id=level.variant_id, warehouse_id=level.warehouse_id, quantity=quantity
        ).product_variant_stocks_update)
    checked(stock.bulk_stock_errors, "Setting the stock")
    priced = present(client.staff_set_price(product_id=level.product_id, price=price).product_update)
    checked(priced.product_errors, "Setting the price")
    purge_catalog()
    stock_changed.send(sender=StaffSession)
