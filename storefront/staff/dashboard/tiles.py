"""The shop admin's dashboard: sales today and over 30 days (from the shop's own record, see
`sales`), orders waiting to ship and the oldest one's age, low stock, failed jobs.

Saleor is asked once per minute at most (one call for the shipping and stock tiles, shared by
every staff member through the cache); a staff action that changes them clears it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Optional

from django.core.cache import cache
from django.utils import timezone

from jobs.selectors import failed_job_count
from saleor_client.client import saleor_as_staff
from saleor_client.values import parse_datetime

from ..auth import MANAGE_PRODUCTS
from ..models import StaffSession
from ..stock.selectors import LOW_STOCK
from .sales import SalesHistory, sales_history

CACHE_KEY = "staff:dashboard:tiles"
CACHE_SECONDS = 60
OLDEST_SHOWN = 5


@dataclass(frozen=True)
class WaitingOrder:
    id: str
    number: str
    created: Optional[datetime]
    email: str


@dataclass(frozen=True)
class LowStock:
    product_name: str
    sku: str
    available: int


@dataclass(frozen=True)
class Tiles:
    to_ship: int
    oldest: tuple[WaitingOrder, ...]
    low_stock: tuple[LowStock, ...]
    stock_shown: bool  # Saleor shows stock only to staff who may manage products
    stock_checked: int  # variants looked at
    fetched_at: datetime

    @property
    def oldest_waiting(self) -> Optional[WaitingOrder]:
        return self.oldest[0] if self.oldest else None


def _tiles(staff: StaffSession, show_stock: bool) -> Tiles:
    result = saleor_as_staff(staff).staff_dashboard(oldest=OLDEST_SHOWN, show_stock=show_stock)
    low, checked = [], 0
    for product_edge in result.products.edges if result.products else []:
        product = product_edge.node
        for variant in product.variants or []:
            if variant is None:
                continue
            checked += 1
            available = sum(stock.quantity - stock.quantity_allocated for stock in variant.stocks or [] if stock)
            if available < LOW_STOCK:
                low.append(LowStock(product_name=product.name, sku=variant.sku, available=available))
    return Tiles(
        to_ship=result.to_ship.total_count or 0 if result.to_ship else 0,
        oldest=tuple(
            WaitingOrder(id=edge.node.id, number=edge.node.number or "", created=parse_datetime(edge.node.created),
                         email=edge.node.user_email or "")
            for edge in (result.to_ship.edges if result.to_ship else [])
        ),
        low_stock=tuple(low),
        stock_shown=show_stock,
        stock_checked=checked,
        fetched_at=timezone.now(),
    )


def tiles(staff: StaffSession) -> Tiles:
    """Shared by every staff member who sees the same (with or without stock)."""
    show_stock = staff.may(MANAGE_PRODUCTS)
    key = f"{CACHE_KEY}:{'stock' if show_stock else 'no-stock'}"
    cached = cache.get(key)
    if cached is None:
        cached = _tiles(staff, show_stock)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def forget_tiles() -> None:
    """After a staff action that ships, cancels or changes stock: the next view asks Saleor."""
    cache.delete_many([f"{CACHE_KEY}:stock", f"{CACHE_KEY}:no-stock"])


@dataclass(frozen=True)
class Sparkline:
    """An inline SVG polyline of daily sales, drawn on the server: no chart library."""

    width: int
    height: int
    points: str
    area: str
    last_x: float
    last_y: float
    peak: Decimal


def sparkline(history: SalesHistory, width: int = 300, height: int = 60, pad: int = 4) -> Sparkline:
    values = [day.captured.amount for day in history.days]
    peak = max(values) if values else Decimal("0")
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(value: Decimal) -> float:
        return round(height - pad - (float(value / peak) if peak else 0.0) * (height - 2 * pad), 1)

    coordinates = [(round(pad + index * step, 1), y(value)) for index, value in enumerate(values)]
    points = " ".join(f"{x},{y_}" for x, y_ in coordinates)
    baseline = height - pad
    area = f"{coordinates[0][0]},{baseline} {points} {coordinates[-1][0]},{baseline}"
    return Sparkline(width=width, height=height, points=points, area=area,
                     last_x=coordinates[-1][0], last_y=coordinates[-1][1], peak=peak)


@dataclass(frozen=True)
class Dashboard:
    tiles: Tiles
    sales: SalesHistory
    sparkline: Sparkline
    failed_jobs: int


def dashboard(staff: StaffSession) -> Dashboard:
    history = sales_history()
    return Dashboard(tiles=tiles(staff), sales=history, sparkline=sparkline(history), failed_jobs=failed_job_count())
