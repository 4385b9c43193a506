from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable, Generic, Optional, TypeVar

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from catalog.selectors import kept_product_card, product_card
from saleor_client.errors import SaleorError

from .models import CheckoutPlace

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Until a few buyers have been through, the estimate assumes this stay inside checkout.
TYPICAL_STAY = timedelta(minutes=3)
# Stays of the buyers who ended this recently make the estimate.
STAY_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class QueuePosition:
    position: int  # 1: next to go in
    minutes: int  # about how long until then
    sold_out: bool  # the QL Claw sold out while the buyer waited


@dataclass(frozen=True)
class QueueFigures:
    """For the staff dashboard, while a line exists."""

    waiting: int
    inside: int
    limit: int

    @property
    def exists(self) -> bool:
        return self.waiting > 0

    @property
    def busy(self) -> bool:
        """A line, or checkout at least half full: Saleor's time is going to buyers."""
        return self.exists or 2 * self.inside >= self.limit


def queue_position(ahead: int) -> QueuePosition:
    """For a place with `ahead` live places in front of it (services.keep_place counts them)."""
    position = ahead + 1
    seconds = position * _mean_stay.get(_read_mean_stay).total_seconds() / max(1, settings.CHECKOUT_ADMISSION_LIMIT)
    # Near the front the page may fill a cold catalog cache from Saleor (once a minute at most);
    # further back it reads only the cache, so thousands of waiting pages never wait on Saleor.
    near = ahead < settings.CHECKOUT_ADMISSION_LIMIT
    return QueuePosition(position=position, minutes=max(1, math.ceil(seconds / 60)), sold_out=sold_out(ask_saleor=near))


def queue_figures() -> QueueFigures:
    """Places still alive (a lapsed one not yet ended by the next admission is not counted)."""
    now = timezone.now()
    open_places = CheckoutPlace.objects.filter(ended__isnull=True)
    counts = open_places.aggregate(
        waiting=Count("id", filter=Q(admitted__isnull=True, seen__gte=now - timedelta(seconds=settings.WAITING_ROOM_LEAVE_SECONDS))),
        inside=Count("id", filter=Q(admitted__isnull=False, seen__gte=now - timedelta(seconds=settings.CHECKOUT_IDLE_SECONDS))),
    )
    return QueueFigures(waiting=counts["waiting"], inside=counts["inside"], limit=settings.CHECKOUT_ADMISSION_LIMIT)


# Every queue page shows an estimate and whether the QL Claw sold out; thousands of reloads a
# minute share a reading per process for a few seconds (sold_out says which readings).
SHARED_SECONDS = 5.0


class _Shared(Generic[T]):
    """A reading this process shares for SHARED_SECONDS, when `keep` says it may be shared (a
    "sold out" reading is not: a restock must open the door at once)."""

    def __init__(self, keep: Callable[[T], bool] = lambda value: True) -> None:
        self.keep = keep
        self.value: Optional[T] = None
        self.until = 0.0
        self.lock = threading.Lock()

    def get(self, read: Callable[[], T]) -> T:
        with self.lock:
            if self.value is not None and time.monotonic() < self.until:
                return self.value
        value = read()
        if self.keep(value):
            with self.lock:
                self.value, self.until = value, time.monotonic() + SHARED_SECONDS
        return value


def _read_mean_stay() -> timedelta:
    """How long the buyers recently inside checkout stayed (admitted to last seen)."""
    since = timezone.now() - STAY_WINDOW
    stay = CheckoutPlace.objects.filter(ended__gte=since, admitted__isnull=False).aggregate(
        stay=Avg(F("seen") - F("admitted"))
    )["stay"]
    return stay if stay else TYPICAL_STAY


def _read_sold_out(ask_saleor: bool) -> Optional[bool]:
    """From the catalog cache; with ask_saleor, a cold cache is filled from Saleor (at most once
    per CATALOG_CACHE_SECONDS). None: unknown (shown as in stock; Pay's last-unit guard judges)."""
    # These pages run in the queue's lane (two slots a process): one of them at most waits on
    # Saleor to fill the cache; the others read what the cache holds meanwhile.
    if not ask_saleor or not _filling.acquire(blocking=False):
        card = kept_product_card(settings.FEATURED_PRODUCT_SLUG)
        return None if card is None else not card.in_stock
    try:
        card = product_card(settings.FEATURED_PRODUCT_SLUG)
    except SaleorError:
        logger.warning("Stock unknown on the queue page: Saleor did not answer")
        return None
    finally:
        _filling.release()
    return card is not None and not card.in_stock


_filling = threading.Lock()


_mean_stay = _Shared[timedelta]()
_in_stock = _Shared[Optional[bool]](keep=lambda known: known is False)


def sold_out(*, ask_saleor: bool = True) -> bool:
    """The QL Claw's catalog stock is gone. "In stock" is shared for SHARED_SECONDS (a buyer let
    through on it still meets the last-unit guard at Pay); "sold out" is read afresh each time
    (two cache reads), so the door opens the moment a restock purges the catalog."""
    return bool(_in_stock.get(lambda: _read_sold_out(ask_saleor)))
