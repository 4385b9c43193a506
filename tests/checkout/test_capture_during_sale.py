"""While buyers wait in the checkout's line, an order's capture waits (checkout/tasks.py): the
card's authorization holds the money, and Saleor's time goes to the buyers in line. Once the line
is gone, the capture job captures it once."""
from __future__ import annotations

import time
import uuid
from typing import Iterator

import psycopg
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_payment import buyer_checkout_token
from tests.saleor_api import SaleorStaffAPI

CAPTURE = "checkout.tasks.capture_order"


@pytest.fixture
def line_in_front(shop: Stack) -> Iterator[psycopg.Connection]:
    """A buyer waiting on the queue page (a live place not let in), as the line of a sale would
    hold; ended afterwards so no later test's capture waits for it."""
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as connection:
        yield connection
        connection.execute("UPDATE waiting_room_checkoutplace SET ended = now() WHERE ended IS NULL")


def capture_jobs(connection: psycopg.Connection, attempt_id: int) -> list[tuple[str, bool]]:
    """(status, scheduled for later) of each capture job of the attempt, oldest first."""
    return [(status, bool(later)) for status, later in connection.execute(
        "SELECT status, scheduled_at > now() FROM procrastinate_jobs WHERE task_name = %s "
        "AND (args->>'attempt_id')::int = %s ORDER BY id", [CAPTURE, attempt_id]).fetchall()]


def wait_for(condition, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, what
        time.sleep(0.3)
    return result


def test_a_capture_waits_while_buyers_are_in_line_and_is_made_once_the_line_is_gone(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, line_in_front: psycopg.Connection
):
    buyer = new_buyer(f"sale-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()  # inside checkout before the line formed: Pay is not queued
    checkout_token = buyer_checkout_token(buyer)
    line_in_front.execute(
        # Seen "later": it stays a live place however long the test takes (a place lapses after
        # WAITING_ROOM_LEAVE_SECONDS without a reload).
        "INSERT INTO waiting_room_checkoutplace (token, cart_token, joined, seen) "
        "VALUES (%s, %s, now(), now() + interval '10 minutes')",
        [uuid.uuid4(), uuid.uuid4()])

    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")

    attempt_id = line_in_front.execute("SELECT id FROM checkout_checkoutattempt WHERE checkout_token = %s",
                                       [checkout_token]).fetchone()[0]
    # The first capture job ran and put itself off; the next waits for its time.
    wait_for(lambda: capture_jobs(line_in_front, attempt_id)[:1] == [("succeeded", False)],
             "the first capture job did not end")
    assert capture_jobs(line_in_front, attempt_id) == [("succeeded", False), ("todo", True)]
    [order] = staff_api.orders_for(buyer.email)
    assert order["paymentStatus"] == "NOT_CHARGED", order["paymentStatus"]

    # The line is gone; the postponed job's time comes (brought forward here, not waited for).
    line_in_front.execute("UPDATE waiting_room_checkoutplace SET ended = now() WHERE ended IS NULL")
    line_in_front.execute("UPDATE procrastinate_jobs SET scheduled_at = now() WHERE task_name = %s AND status = 'todo' "
                          "AND (args->>'attempt_id')::int = %s", [CAPTURE, attempt_id])

    [order] = staff_api.wait_for_orders(buyer.email, timeout=30)
    assert order["paymentStatus"] == "FULLY_CHARGED", order["paymentStatus"]
    # Saleor knows of the capture a moment before the job is marked done.
    wait_for(lambda: capture_jobs(line_in_front, attempt_id) == [("succeeded", False), ("succeeded", False)],
             f"the capture jobs did not both end: {capture_jobs(line_in_front, attempt_id)}")
