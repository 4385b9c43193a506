"""The catalog's generation: one number in the shared cache that every purge bumps. Cached
catalog data (`catalog_cache_key`) and cached pages (the in-memory page cache, the caching
proxy's revalidation) made under an older generation are stale."""
from __future__ import annotations

from django.core.cache import cache
from django.db import connections

GENERATION_KEY = "catalog:generation"


def catalog_generation() -> int:
    """Bumped by every purge; whatever was cached under an older one is stale."""
    return _generation()


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def catalog_cache_key(name: str) -> str:
    """A cache key that `purge_catalog()` retires with the rest of the catalog."""
    return f"catalog:{_generation()}:{name}"


def purge_catalog() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def generation_outside_requests() -> int:
    """Read the generation (the cache table, a database read here) and hand the thread's pooled
    connection back at once, as a request does at its end. The page cache reads it on Granian's
    threads outside any request; a thread Granian retires while idle (after 30 s) took its
    connection with it, and under load the pool of 8 ran dry: every page then waited 3 s."""
    try:
        return catalog_generation()
    finally:
        connections.close_all()
