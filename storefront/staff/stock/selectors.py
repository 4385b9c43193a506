"""The featured product's stock and price, as the admin's own token sees them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from saleor_client.client import saleor_as_staff
from saleor_client.values import Money

from ..models import StaffSession

LOW_STOCK = 10


@dataclass(frozen=True)
class StockLevel:
    product_id: str
    product_name: str
    variant_id: str
    sku: str
    warehouse_id: str
    warehouse: str
    quantity: int
    allocated: int
    price: Optional[Money]

    @property
    def available(self) -> int:
        return self.quantity - self.allocated

    @property
    def low(self) -> bool:
        return self.available < LOW_STOCK


def stock_level(staff: StaffSession, slug: str) -> Optional[StockLevel]:
    product = saleor_as_staff(staff).staff_product_stock(slug=slug).product
    variant = product.variants[0] if product is not None and product.variants else None
    stock = variant.stocks[0] if variant is not None and variant.stocks else None
    if product is None or variant is None or stock is None:
        return None
    return StockLevel(
        product_id=product.id, product_name=product.name, variant_id=variant.id, sku=variant.sku,
        warehouse_id=stock.warehouse.id, warehouse=stock.warehouse.name, quantity=stock.quantity,
        allocated=stock.quantity_allocated, price=Money.from_saleor(product.base_price) if product.base_price else None,
    )
