"""Forcing a race: the test holds one of the storefront's advisory locks (core/locks.py) while
the competing requests arrive, waits until PostgreSQL shows them queued on it, then lets go.
Without the lock nobody would wait, and the test fails on that instead of passing by luck."""
from __future__ import annotations

import time
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import psycopg

from core.locks import lock_key
from deploy.runner.stack import Stack


class HeldLock:
    """A PostgreSQL advisory lock held by the test, and a view of who waits for it."""

    def __init__(self, connection: psycopg.Connection, name: str) -> None:
        self.connection = connection
        self.name = name
        key = lock_key(name)
        # pg_locks shows a bigint advisory key as its two 32-bit halves.
        self.halves = ((key >> 32) & 0xFFFFFFFF, key & 0xFFFFFFFF)

    def waiting(self) -> int:
        return self.connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
            self.halves,
        ).fetchone()[0]

    def wait_until_waiting(self, count: int, timeout: float = 30, watching: Sequence[Future[Any]] = ()) -> None:
        """`watching`: the competing requests. One that has ended while the lock is still held
        never reached it: the failure says what it was answered instead of waiting out `timeout`."""
        deadline = time.monotonic() + timeout
        while self.waiting() < count:
            ended = [_answer(request) for request in watching if request.done()]
            assert not ended and time.monotonic() < deadline, (
                f"{count} request(s) should be waiting for the lock {self.name!r}, {self.waiting()} are: "
                f"the code no longer takes it, so the race is no longer guarded (answered before the lock: {ended})"
            )
            time.sleep(0.05)


def _answer(request: Future[Any]) -> str:
    error = request.exception()
    if error is not None:
        return f"{type(error).__name__}: {error}"
    response = request.result()
    status, body = getattr(response, "status_code", "?"), getattr(response, "text", "")
    return f"{status} {response.headers.get('location', '')} {body[:300]!r}" if hasattr(response, "headers") else repr(response)


@contextmanager
def lock_held(shop: Stack, name: str) -> Iterator[HeldLock]:
    """Holds the advisory lock `name` (e.g. "variant:<id>", "checkout:<token>", "order:<id>")."""
    key = lock_key(name)
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield HeldLock(connection, name)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [key])
