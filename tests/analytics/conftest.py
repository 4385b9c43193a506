"""Counting page views against the real shop: its beacon endpoint, its table, Chromium."""
from __future__ import annotations

import re
import time
from decimal import Decimal
from typing import Iterator

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext

from deploy.runner.stack import Stack
from tests.staff.conftest import admin, place_order  # noqa: F401  (fixtures)

# Debian's headless Chromium names itself HeadlessChrome, which robot lists rightly match; the
# visitors these tests play use a desktop Chrome's user agent.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"
)
# The flush interval of the test stack's storefront (ANALYTICS_FLUSH_SECONDS, default) with margin.
FLUSH_WAIT = 12.0


def counts(shop: Stack, *, event: str, path: str) -> int:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        row = db.execute(
            "SELECT coalesce(sum(count), 0) FROM analytics_dailycount WHERE event = %s AND path = %s", [event, path]
        ).fetchone()
    return int(row[0])


def row_count(shop: Stack) -> int:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        return int(db.execute("SELECT count(*) FROM analytics_dailycount").fetchone()[0])


def wait_for_count(shop: Stack, *, event: str, path: str, expected: int) -> int:
    """The count once it reached `expected` (counts are written a flush after the beacon)."""
    deadline = time.monotonic() + FLUSH_WAIT
    while True:
        found = counts(shop, event=event, path=path)
        if found >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.25)


def settle_counts() -> None:
    """Long enough for every storefront process to have flushed what it was sent."""
    time.sleep(FLUSH_WAIT / 2)


@pytest.fixture
def visitor(browser: Browser, shop: Stack) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", user_agent=DESKTOP_CHROME)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def beacon_client(shop: Stack) -> Iterator[httpx.Client]:
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base, headers={"Origin": base, "User-Agent": DESKTOP_CHROME}, timeout=30) as client:
        yield client


COLUMNS = ("views", "visits", "product_views", "adds", "checkouts", "orders", "revenue")


def report_row(admin_client: httpx.Client, path: str, days: int = 7) -> dict[str, Decimal]:
    """A page's row on the staff report, as numbers (zeros when the page has none yet)."""
    page = admin_client.get("/staff/analytics/", params={"days": days})
    assert page.status_code == 200, page.text[:300]
    match = re.search(rf'<tr data-path="{re.escape(path)}">(.*?)</tr>', page.text, re.S)
    if match is None:
        return dict.fromkeys(COLUMNS, Decimal(0))
    cells = re.findall(r'data-column="(\w+)"(?: data-amount="([\d.]+)")?>([^<]*)<', match.group(1))
    return {column: Decimal(amount or text) for column, amount, text in cells}
