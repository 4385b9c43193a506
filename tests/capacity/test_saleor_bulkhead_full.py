"""A full Saleor bulkhead, end to end: with every Saleor slot of a storefront process held by
calls Saleor is slow to answer, the next cart visitor gets the friendly 503 page with
Retry-After by its deadline (REQUEST_DEADLINE_SECONDS), without its call ever reaching Saleor,
and the page is served again once the slots are free (saleor_client/client.py)."""
from __future__ import annotations

import threading
import time
from typing import Iterator

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.capacity.test_admission import CART_QUERY, cart_cookies
from tests.checkout.test_durable_orders import wait_until
from tests.faults import FaultProxy
from tests.second_storefront import second_storefront

SLOTS = 3  # SALEOR_CONCURRENCY, as in production
DEADLINE = 1.5  # REQUEST_DEADLINE_SECONDS, the default


@pytest.fixture
def one_process_storefront(shop: Stack) -> Iterator[str]:
    """The shop's storefront as one Granian process (the test stack runs two, and a request
    could land in either), on the same database and the same wire to Saleor. No cart summaries
    (CART_SUMMARY_SECONDS 0): every cart page here is a Saleor call, which is what fills the slots."""
    settings = {"SALEOR_CONCURRENCY": str(SLOTS), "REQUEST_DEADLINE_SECONDS": str(DEADLINE),
                "DATABASE_APPLICATION_NAME": "storefront-web", "CART_SUMMARY_SECONDS": "0"}
    with second_storefront(shop, "one-process", settings) as url:
        yield url


def test_with_every_saleor_slot_held_the_cart_answers_503_with_retry_after_by_its_deadline(
    one_process_storefront: str, new_buyer, saleor_wire: FaultProxy
):
    cookies = cart_cookies(new_buyer)
    # Once served, so the timing below is not that of a new process's first page.
    assert httpx.get(f"{one_process_storefront}/cart/", cookies=cookies, timeout=10).status_code == 200
    # Saleor answers each cart query 2 s late: within SALEOR_TIMEOUT (2.5 s), so those
    # visitors get their page, while their calls hold the process's every Saleor slot.
    saleor_wire.delay_responses(CART_QUERY, 2.0)
    saleor_wire.count_requests_with(CART_QUERY)
    holders: list[httpx.Response] = []

    def visit() -> None:
        holders.append(httpx.get(f"{one_process_storefront}/cart/", cookies=cookies, timeout=10))

    threads = [threading.Thread(target=visit) for _ in range(SLOTS)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: saleor_wire.counted >= SLOTS, 10, "every Saleor slot to be taken")
        started = time.monotonic()
        refused = httpx.get(f"{one_process_storefront}/cart/", cookies=cookies, timeout=10)
        took = time.monotonic() - started
        calls_while_full = saleor_wire.counted
    finally:
        for thread in threads:
            thread.join()
        saleor_wire.heal()

    assert refused.status_code == 503
    assert int(refused.headers["Retry-After"]) > 0
    assert "temporarily unavailable" in refused.text
    assert took <= DEADLINE + 0.5, f"answered after {took:.2f} s"
    assert calls_while_full == SLOTS  # the refused visitor's call never reached Saleor
    assert [answer.status_code for answer in holders] == [200] * SLOTS
    served = httpx.get(f"{one_process_storefront}/cart/", cookies=cookies, timeout=10)
    assert served.status_code == 200 and "QL Claw" in served.text
    print(f"the refused visitor was answered in {took:.2f} s")
