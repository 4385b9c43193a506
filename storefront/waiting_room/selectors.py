from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from catalog.selectors import product_card
from saleor_client.errors import SaleorError

from .models import CheckoutPlace

logger = logging.getLogger(__name__)

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


def queue_position(place_token: uuid.UUID) -> QueuePosition:
    place = CheckoutPlace.objects.get(token=place_token)
    ahead = CheckoutPlace.objects.filter(ended__isnull=True, admitted__isnull=True, id__lt=place.id).count()
    position = ahead + 1
    seconds = position * _mean_stay().total_seconds() / max(1, settings.CHECKOUT_ADMISSION_LIMIT)
    return QueuePosition(position=position, minutes=max(1, math.ceil(seconds / 60)), sold_out=_sold_out())


def queue_figures() -> QueueFigures:
    """Places still alive (a lapsed one not yet ended by the next admission is not counted)."""
    now = timezone.now()
    open_places = CheckoutPlace.objects.filter(ended__isnull=True)
    counts = open_places.aggregate(
        waiting=Count("id", filter=Q(admitted__isnull=True, seen__gte=now - timedelta(seconds=settings.WAITING_ROOM_LEAVE_SECONDS))),
        inside=Count("id", filter=Q(admitted__isnull=False, seen__gte=now - timedelta(seconds=settings.CHECKOUT_IDLE_SECONDS))),
    )
    return QueueFigures(waiting=counts["waiting"], inside=counts["inside"], limit=settings.CHECKOUT_ADMISSION_LIMIT)


def _mean_stay() -> timedelta:
    """How long the buyers recently inside checkout stayed (admitted to last seen)."""
    since = timezone.now() - STAY_WINDOW
    stay = CheckoutPlace.objects.filter(ended__gte=since, admitted__isnull=False).aggregate(
        stay=Avg(F("seen") - F("admitted"))
    )["stay"]
    return stay if stay else TYPICAL_STAY


def _sold_out() -> bool:
    """From the catalog cache (a Saleor call at most once per CATALOG_CACHE_SECONDS)."""
    try:
        card = product_card(settings.FEATURED_PRODUCT_SLUG)
    except SaleorError:
        logger.warning("Stock unknown on the queue page: Saleor did not answer")
        return False
    return card is not None and not card.in_stock
