"""Cross-process locks in the storefront's PostgreSQL (advisory locks), for every app.

Two kinds:
- `advisory_lock(name)`: held for one transaction (a stock read-and-write, a sign-in count).
- `session_lock(*names)`: held on this thread's connection across several short transactions,
  so a completion can commit "payment created" before calling Saleor and "order placed" right
  after it, while a second completion of the same checkout still waits. Released in `finally`;
  if the connection died meanwhile (PostgreSQL restarted), the lock died with it.
Keys are taken in sorted order, so two holders of overlapping sets never wait on each other.
"""
from __future__ import annotations

import hashlib
import logging
from contextlib import AbstractContextManager, contextmanager
from typing import Iterable, Iterator, Optional

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory lock functions."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def _keys(names: Iterable[str]) -> list[int]:
    return sorted({lock_key(name) for name in names})


# A lock wait bounded by a request's deadline still waits this long at least (PostgreSQL reads a
# lock_timeout of 0 as "wait for ever").
SHORTEST_LOCK_WAIT_MS = 50


@contextmanager
def advisory_lock(name: str, *, timeout: Optional[float] = None) -> Iterator[None]:
    """One holder at a time for `name`, across processes, for one transaction. With `timeout`
    (seconds), a holder that keeps it longer makes PostgreSQL give up the wait with
    LockNotAvailable, a database error: the request gets the 503 page rather than waiting on."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if timeout is not None:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)",
                               [f"{max(SHORTEST_LOCK_WAIT_MS, int(timeout * 1000))}ms"])
            for key in _keys([name]):
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


@contextmanager
def try_advisory_lock(name: str) -> Iterator[bool]:
    """`advisory_lock` without waiting: True while held (for one transaction), False when
    another holds it."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_key(name)])
            taken = bool(cursor.fetchone()[0])
        yield taken


@contextmanager
def session_lock(*names: str) -> Iterator[None]:
    """One holder at a time for each of `names`, across processes and transactions."""
    if connection.in_atomic_block:
        # Inside a transaction a commit could not happen while the lock is held, which is the
        # whole point of a session lock; a caller doing this has mixed up the two kinds.
        raise RuntimeError("session_lock must be taken outside a transaction")
    keys = _keys(names)
    taken: list[int] = []
    try:
        with connection.cursor() as cursor:
            for key in keys:
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
                taken.append(key)
        yield
    finally:
        _unlock(reversed(taken))


def _unlock(keys: Iterable[int]) -> None:
    try:
        with connection.cursor() as cursor:
            for key in keys:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    except DatabaseError:
        # The connection broke: PostgreSQL released its locks when it went. Never hand a
        # connection that might still hold one back to a pool.
        logger.warning("Could not release advisory locks; closing the database connection")
        connection.close()


@contextmanager
def claim(name: str, *, wanted: int, of: int) -> Iterator[bool]:
    """Takes `wanted` of the `of` numbered claims on `name` if that many are free, at once and
    never waiting (try-locks, session-level): True while held, False when the others hold them.
    A claim dies with its connection, so a crashed holder keeps nobody out."""
    keys = [lock_key(f"{name}:{index}") for index in range(max(0, of))]
    taken: list[int] = []
    try:
        with connection.cursor() as cursor:
            # One at a time: in one query with LIMIT, PostgreSQL may take locks it never
            # returns (its manual warns of exactly this), and they would stay with the connection.
            for key in keys:
                if len(taken) == wanted:
                    break
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                if cursor.fetchone()[0]:
                    taken.append(key)
        yield len(taken) == wanted
    finally:
        _unlock(reversed(taken))


def order_lock(order_id: str) -> AbstractContextManager[None]:
    """Actions on one Saleor order (capture, ship, refund, cancel, return) run one at a time.
    A session lock, so what an action records can be committed as it goes: once the money
    moved, the buyer's e-mail is queued for good even if a later step fails."""
    return session_lock(f"order:{order_id}")


def stock_lock(variant_id: str) -> AbstractContextManager[None]:
    """Writers of a variant's absolute stock (ship, restock, set stock) run one at a time, so a
    read-then-write cannot undo another's change."""
    return advisory_lock(f"stock:{variant_id}")
