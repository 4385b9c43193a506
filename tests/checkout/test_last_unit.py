"""Two buyers race for the last QL Claw: one order, stock 0, the other told it sold out,
and not charged (Saleor checks stock before it charges, and the storefront's lock makes
that check see the winner's allocation).

The race is made certain rather than left to timing: the test itself holds the QL Claw's
variant lock in the storefront's PostgreSQL while both payments arrive. The first claims the
last unit and waits on the lock; the second finds every unit claimed and is told at once,
while the first still waits, instead of queueing behind it. Then the test lets go and the first
completes. Without the lock nobody would wait, and the test fails on that rather than passing
by luck.
"""
from __future__ import annotations

import re
import threading
import time
import uuid
from contextlib import contextmanager
from typing import Iterator

import httpx
import psycopg

from core.locks import lock_key
from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, card_token
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.saleor_api import SaleorStaffAPI


class HeldLock:
    """A PostgreSQL advisory lock held by the test, and a view of who waits for it."""

    def __init__(self, connection: psycopg.Connection, key: int) -> None:
        self.connection = connection
        # pg_locks shows a bigint advisory key as its two 32-bit halves.
        self.halves = ((key >> 32) & 0xFFFFFFFF, key & 0xFFFFFFFF)

    def waiting(self) -> int:
        return self.connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
            self.halves,
        ).fetchone()[0]

    def wait_until_waiting(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.waiting() < count:
            assert time.monotonic() < deadline, (
                f"{count} payment(s) should be waiting for the variant lock, {self.waiting()} are: "
                "completion no longer queues buyers of the same product"
            )
            time.sleep(0.05)


@contextmanager
def variant_lock_held(shop: Stack, variant_id: str) -> Iterator[HeldLock]:
    """Holds the lock every completion of this variant takes (see storefront/checkout/locks.py)."""
    key = lock_key(f"variant:{variant_id}")
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield HeldLock(connection, key)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [key])


def test_two_buyers_racing_for_the_last_unit_end_with_one_order_and_no_second_charge(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, stock
):
    stock(2)  # both can put one in their cart...
    buyers = [new_buyer(f"race-{n}-{uuid.uuid4().hex[:6]}@example.com") for n in range(2)]
    for buyer in buyers:
        buyer.ready_to_pay()
    stock(1)  # ...then only one is left when they pay
    checkout_tokens = [buyer_checkout_token(buyer) for buyer in buyers]
    forms = []
    for buyer in buyers:
        page = buyer.http.get("/checkout/payment/")
        forms.append({
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1),
            "payment_token": card_token(shop, GOOD_CARD),
        })
    responses: dict[int, httpx.Response] = {}

    def pay(index: int) -> None:
        responses[index] = buyers[index].http.post("/checkout/pay/", data=forms[index], follow_redirects=True)

    threads = [threading.Thread(target=pay, args=(index,)) for index in range(2)]
    variant_id = staff_api.variant_stock("QLC-001")[0]
    with variant_lock_held(shop, variant_id) as lock:
        threads[0].start()
        lock.wait_until_waiting(1)  # buyer 0 holds the claim on the last unit and queues
        threads[1].start()
        threads[1].join(timeout=30)
        assert list(responses) == [1], "the second buyer should hear at once, while the first still waits"
        assert lock.waiting() == 1
    for thread in threads:
        thread.join()

    # The first in the queue completes; the second is refused before any card is touched.
    winner, loser = 0, 1
    assert responses[winner].url.path.startswith("/orders/"), responses[winner].text
    assert responses[loser].url.path == "/cart/"
    assert "someone bought the last one just before you" in responses[loser].text
    assert "has not been charged" in responses[loser].text
    assert len(staff_api.orders_for(buyers[winner].email)) == 1
    assert staff_api.orders_for(buyers[loser].email) == []
    assert intents_of(shop, checkout_tokens[loser]) == []
    # Captured by a job right after the order page: one intent, captured once it ran.
    deadline = time.monotonic() + 30
    while [intent.status for intent in intents_of(shop, checkout_tokens[winner])] != ["succeeded"]:
        assert time.monotonic() < deadline, intents_of(shop, checkout_tokens[winner])
        time.sleep(0.3)
    assert staff_api.available("QLC-001") == 0
