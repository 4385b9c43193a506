"""What the storefront learns about the catalog between two reads of it."""
from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from .selectors import units_left_key


def note_units_left(*, slug: str, units: int) -> None:
    """Saleor's stock figure for a product as a payment just found it (less the units that payment
    bought), for the checkout's door (waiting_room.services). Retired with the catalog: a restock's
    purge forgets it."""
    cache.set(units_left_key(slug), max(0, units), settings.CATALOG_CACHE_SECONDS)
