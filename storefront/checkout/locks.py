"""Cross-process locks in the storefront's PostgreSQL, held for one database transaction.

Completion of a checkout runs under two kinds of lock, taken in this order inside one
transaction: first the checkout's own (a double-click, a refresh and a webhook for the same
checkout queue up), then one per product variant in it, in sorted order (two buyers of the
last unit queue up, so Saleor's unlocked stock check sees the truth). Every completion takes
them in that order, so two completions can never wait on each other.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from typing import Iterable, Iterator

from django.db import connection, transaction


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def _lock(names: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for key in sorted({lock_key(name) for name in names}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def checkout_lock(checkout_token: str):
    """Opens the transaction that every lock below is held for."""
    return advisory_lock(f"checkout:{checkout_token}")


def lock_variants(variant_ids: Iterable[str]) -> None:
    """Inside checkout_lock: queue up behind other completions of the same products."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_variants must run inside checkout_lock")
    _lock(f"variant:{variant_id}" for variant_id in variant_ids)


@contextmanager
def advisory_lock(name: str) -> Iterator[None]:
    """One holder at a time for `name`, across processes, for one transaction."""
    with transaction.atomic():
        _lock([name])
        yield
