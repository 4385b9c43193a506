"""A second storefront on the test stack's database, Saleor and localstripe, with a checkout
room of 2 (CHECKOUT_ADMISSION_LIMIT), so the waiting room can be met with a few buyers while the
suite's own storefront lets everyone in."""
from __future__ import annotations

import re
import threading
import time
from typing import Callable, Iterator, Optional

import httpx
import psycopg
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.second_storefront import buyers_of, second_storefront
from tests.staff.conftest import admin  # noqa: F401  (fixture)

ROOM = 2
# The queue page reloads every second for the next ROOM in line, every 3 s further back and every
# 4 s beyond five rooms' worth here, and a place not refreshed for 6 s is lost.
NEAR_REFRESH_SECONDS = 1
REFRESH_SECONDS = 3
FAR_REFRESH_SECONDS = 4
LEAVE_SECONDS = 6


@pytest.fixture(scope="module")
def small_room(shop: Stack) -> Iterator[str]:
    settings = {"CHECKOUT_ADMISSION_LIMIT": str(ROOM), "WAITING_ROOM_REFRESH_SECONDS": str(REFRESH_SECONDS),
                "WAITING_ROOM_NEAR_REFRESH_SECONDS": str(NEAR_REFRESH_SECONDS),
                "WAITING_ROOM_FAR_REFRESH_SECONDS": str(FAR_REFRESH_SECONDS),
                "WAITING_ROOM_LEAVE_SECONDS": str(LEAVE_SECONDS)}
    with second_storefront(shop, "small-room", settings) as url:
        yield url
    # A line left behind would put off the captures of later tests' orders (checkout/tasks.py).
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as connection:
        connection.execute("UPDATE waiting_room_checkoutplace SET ended = now() WHERE ended IS NULL")


@pytest.fixture
def empty_room(shop: Stack) -> None:
    """Places left by other tests' checkouts (the suite's storefront lets everyone in) end first."""
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as connection:
        connection.execute("UPDATE waiting_room_checkoutplace SET ended = now() WHERE ended IS NULL")


@pytest.fixture
def room_buyer(new_buyer, small_room: str, empty_room) -> Callable[[str], Buyer]:
    return buyers_of(new_buyer, small_room)


def refresh_of(html: str) -> int:
    """The seconds of the page's <meta http-equiv="refresh">; fails when the page has none."""
    match = re.search(r'<meta http-equiv="refresh" content="(\d+)">', html)
    assert match, "the queue page should reload itself without JavaScript"
    return int(match.group(1))


def position_on(html: str) -> int:
    return int(re.search(r'id="queue-position">(\d+)<', html).group(1))


class Waiter:
    """A buyer on the queue page with the browser left open: follows its meta refresh with plain
    HTTP (no JavaScript) until the shop lets them into checkout."""

    def __init__(self, buyer: Buyer, first: httpx.Response) -> None:
        self.buyer = buyer
        self.queue_path = first.url.path
        self.positions: list[int] = [position_on(first.text)]
        self.admitted_page: Optional[httpx.Response] = None
        self.stop = threading.Event()
        self.refresh = refresh_of(first.text)
        self.thread = threading.Thread(target=self._wait, daemon=True)
        self.thread.start()

    def _wait(self) -> None:
        while not self.stop.wait(self.refresh):
            page = self.buyer.http.get(self.queue_path, follow_redirects=True)
            if page.url.path != self.queue_path:
                self.admitted_page = page
                return
            self.refresh = refresh_of(page.text)
            self.positions.append(position_on(page.text))

    @property
    def position(self) -> int:
        return self.positions[-1]

    def wait_until_admitted(self, timeout: float = 30) -> httpx.Response:
        self.thread.join(timeout)
        assert self.admitted_page is not None, f"still waiting at place {self.position}"
        return self.admitted_page

    def leave(self) -> None:
        self.stop.set()
        self.thread.join()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
