"""Cross-process locks in the storefront's PostgreSQL, held for one database transaction.

Completion of a checkout runs under two kinds of lock: one per checkout (a double-click,
a refresh and a webhook for the same checkout queue up) and one per product variant in it
(two buyers of the last unit queue up, so Saleor's unlocked stock check sees the truth).
Keys are taken in sorted order, so two completions can never wait on each other.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from typing import Iterable, Iterator

from django.db import connection, transaction


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def completion_lock(checkout_token: str, variant_ids: Iterable[str]) -> Iterator[None]:
    names = [f"checkout:{checkout_token}"] + [f"variant:{variant_id}" for variant_id in variant_ids]
    with transaction.atomic():
        with connection.cursor() as cursor:
            for key in sorted({lock_key(name) for name in names}):
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield
