"""The catalog generation as the in-memory page cache reads it: outside Django's request cycle."""
from __future__ import annotations

from django.db import connections

from catalog.selectors import catalog_generation


def generation_outside_requests() -> int:
    """Read the generation (the cache table, a database read here) and hand the thread's pooled
    connection back at once, as a request does at its end. The page cache reads it on Granian's
    threads outside any request; a thread Granian retires while idle (after 30 s) took its
    connection with it, and under load the pool of 8 ran dry: every page then waited 3 s."""
    try:
        return catalog_generation()
    finally:
        connections.close_all()
