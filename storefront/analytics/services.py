"""Counting: hits add up in each process's memory and are written as one upsert per flush, so a
page view costs the database a fraction of a write and a flood cannot add rows, only counts."""
from __future__ import annotations

import atexit
import logging
import threading
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .beacon import Beacon, page_type
from .definitions import (
    CHECKOUT_STARTED,
    KEPT_DAYS,
    MAX_PATHS_PER_DAY,
    MAX_REFERRERS_PER_DAY,
    OTHER,
    PAGE_VIEW,
    PAID,
    VITALS_BY_NAME,
)
from .models import DailyCount, VitalCount

logger = logging.getLogger(__name__)

MAX_BUFFERED_KEYS = 20_000

UPSERT = """
    INSERT INTO analytics_dailycount (day, event, path, referrer_host, count)
    SELECT * FROM unnest(%s::date[], %s::varchar[], %s::varchar[], %s::varchar[], %s::bigint[])
    ON CONFLICT (day, event, path, referrer_host)
    DO UPDATE SET count = analytics_dailycount.count + EXCLUDED.count
"""


UPSERT_VITALS = """
    INSERT INTO analytics_vitalcount (day, page_type, metric, bucket, count)
    SELECT * FROM unnest(%s::date[], %s::varchar[], %s::varchar[], %s::smallint[], %s::bigint[])
    ON CONFLICT (day, page_type, metric, bucket)
    DO UPDATE SET count = analytics_vitalcount.count + EXCLUDED.count
"""


class CountKey(NamedTuple):
    day: date
    event: str
    path: str
    referrer_host: str


class VitalKey(NamedTuple):
    day: date
    page_type: str
    metric: str
    bucket: int


def shop_day() -> date:
    return timezone.localdate(timezone=ZoneInfo(settings.SHOP_TIME_ZONE))


def keys_of(beacon: Beacon, *, day: date) -> list[CountKey | VitalKey]:
    """A page view counts under the page (and the other site that linked to it); every other
    event under the visit's first page, which is what the report attributes to. Vitals count
    in their histogram bucket under the page's type."""
    landing = beacon.landing or beacon.path
    keys: list[CountKey | VitalKey] = [
        CountKey(day, event, beacon.path, beacon.referrer) if event == PAGE_VIEW else CountKey(day, event, landing, "")
        for event in beacon.events
    ]
    if beacon.vitals is not None:
        kind = page_type(beacon.path) or "other"
        for metric, value in beacon.vitals.model_dump(exclude_none=True).items():
            keys.append(VitalKey(day, kind, metric, bucket_of(metric, value)))
    return keys


def bucket_of(metric: str, value: float) -> int:
    edges = VITALS_BY_NAME[metric].edges
    return next((index for index, edge in enumerate(edges) if value <= edge), len(edges) - 1)


class CountBuffer:
    """Counts waiting for the next flush. One daemon thread per process flushes every
    ANALYTICS_FLUSH_SECONDS; counts of a process that is killed before then are lost (they
    are statistics, not money)."""

    def __init__(self) -> None:
        self.counts: Counter[CountKey | VitalKey] = Counter()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def add(self, keys: list[CountKey | VitalKey]) -> None:
        with self.lock:
            # While the database is away counts wait here: new keys beyond the cap are dropped
            # (those already waiting still add up), so memory stays bounded.
            self.counts.update(key for key in keys if key in self.counts or len(self.counts) < MAX_BUFFERED_KEYS)
            if self.thread is None:
                self.thread = threading.Thread(target=self._flush_forever, name="analytics-flush", daemon=True)
                self.thread.start()
                atexit.register(self.flush)

    def _flush_forever(self) -> None:
        stop = threading.Event()
        while not stop.wait(settings.ANALYTICS_FLUSH_SECONDS):
            try:
                self.flush()
            except Exception:  # the database is away: keep the counts and try again
                logger.exception("Could not write page counts; trying again")
            finally:
                connection.close()  # back to the pool between flushes

    def flush(self) -> int:
        """Write what has been counted; returns the number of upserted rows (0: nothing to do)."""
        with self.lock:
            counts, self.counts = self.counts, Counter()
        if not counts:
            return 0
        try:
            write_counts(counts)
        except Exception:
            with self.lock:
                self.counts.update(counts)
            raise
        return len(counts)


def write_counts(counts: Counter[CountKey | VitalKey]) -> None:
    """One upsert per table, whatever the number of hits behind the counts."""
    pages = Counter({key: n for key, n in counts.items() if isinstance(key, CountKey)})
    vitals = [(*key, n) for key, n in counts.items() if isinstance(key, VitalKey)]
    with connection.cursor() as cursor:
        if pages:
            cursor.execute(UPSERT, [list(column) for column in zip(*((*key, n) for key, n in _capped(pages).items()))])
        if vitals:
            cursor.execute(UPSERT_VITALS, [list(column) for column in zip(*vitals)])


def _capped(counts: Counter[CountKey]) -> Counter[CountKey]:
    """Paths and referrer hosts beyond the day's caps count under OTHER: made-up addresses
    cannot grow the table past MAX_PATHS_PER_DAY × MAX_REFERRERS_PER_DAY per event."""
    days = {key.day for key in counts}
    known_paths: dict[date, set[str]] = {day: set() for day in days}
    known_hosts: dict[date, set[str]] = {day: set() for day in days}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day, path, referrer_host FROM analytics_dailycount WHERE day = ANY(%s) GROUP BY day, path, referrer_host",
            [list(days)],
        )
        for day, path, host in cursor.fetchall():
            known_paths[day].add(path)
            known_hosts[day].add(host)
    capped: Counter[CountKey] = Counter()
    for key, n in sorted(counts.items(), key=lambda item: -item[1]):
        path, host = key.path, key.referrer_host
        if path not in known_paths[key.day]:
            if len(known_paths[key.day]) >= MAX_PATHS_PER_DAY:
                path = OTHER
            known_paths[key.day].add(path)
        if host and host not in known_hosts[key.day]:
            if len(known_hosts[key.day]) >= MAX_REFERRERS_PER_DAY:
                host = OTHER
            known_hosts[key.day].add(host)
        capped[key._replace(path=path, referrer_host=host)] += n
    return capped


_buffer = CountBuffer()


def count_beacon(*, beacon: Beacon) -> None:
    _buffer.add(keys_of(beacon, day=shop_day()))


def count_paid_order(*, landing_page: str) -> None:
    """Counted by the server when an order is recorded (never on the browser's word), once the
    order's transaction has committed, with the other counts at the next flush: a count never
    holds up or undoes an order, and costs the pay request no query. ("" in path: the visit's
    first page is not known.) The report's orders and revenue come from the orders themselves."""
    transaction.on_commit(lambda: _buffer.add([CountKey(shop_day(), PAID, landing_page, "")]))


def count_checkout_started(*, landing_page: str) -> None:
    """Counted by the server when a cart first opens the checkout page: that page takes the card,
    and runs no script but the listed payment scripts, so no beacon is sent from it."""
    _buffer.add([CountKey(shop_day(), CHECKOUT_STARTED, landing_page, "")])


def forget_old_counts() -> int:
    oldest = shop_day() - timedelta(days=KEPT_DAYS)
    pages, _ = DailyCount.objects.filter(day__lt=oldest).delete()
    vitals, _ = VitalCount.objects.filter(day__lt=oldest).delete()
    return pages + vitals
