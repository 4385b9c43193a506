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

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, card_token
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.locks import lock_held
from tests.saleor_api import SaleorStaffAPI


def variant_lock_held(shop: Stack, variant_id: str):
    """Holds the lock every completion of this variant takes (see storefront/checkout/completion.py)."""
    return lock_held(shop, f"variant:{variant_id}")


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
        page = buyer.http.get("/checkout/")
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


def product_page_says(buyer, words: str, timeout: float = 5.0) -> str:
    """The product page once it says `words` (each storefront process notices a catalog purge
    within a second), or as it is at the timeout."""
    deadline = time.monotonic() + timeout
    page = buyer.http.get("/products/ql-claw/").text
    while words not in page and time.monotonic() < deadline:
        time.sleep(0.2)
        page = buyer.http.get("/products/ql-claw/").text
    return page


def test_the_order_that_takes_the_last_unit_makes_the_product_page_say_sold_out_at_once(shop: Stack, new_buyer, stock):
    buyer = new_buyer(f"last-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    stock(1)
    assert "Only 1 left" in buyer.http.get("/products/ql-claw/").text
    assert buyer.pay().url.path.startswith("/orders/")
    # The Pay found 1 and took it: it purged the catalog rather than leave "1 left" for a minute.
    page = product_page_says(buyer, "Sold out")
    assert "Sold out" in page and "Only 1 left" not in page


def test_once_a_buyer_finds_the_last_unit_gone_the_product_page_says_sold_out_at_once(
    shop: Stack, new_buyer, stock, staff_api: SaleorStaffAPI
):
    late = new_buyer(f"gone-{uuid.uuid4().hex[:6]}@example.com")
    late.ready_to_pay()
    stock(1)
    assert "Only 1 left" in late.http.get("/products/ql-claw/").text
    # The last unit goes without this storefront's knowing (the admin sold it in the shop): the
    # catalog keeps its card for a minute.
    staff_api.set_available("QLC-001", 0)
    assert "Only 1 left" in late.http.get("/products/ql-claw/").text
    told = late.pay()
    assert told.url.path == "/cart/" and "has not been charged" in told.text, told.text
    # The late buyer's Pay read Saleor's figure (0) while the catalog still said 1: it purged it.
    page = product_page_says(late, "Sold out")
    assert "Sold out" in page and "Only 1 left" not in page
