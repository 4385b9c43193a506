"""A paid order is never lost: faults injected after the charge, against the real stack.

Each test ends with exactly one order in Saleor, its payment captured exactly once (capture
requests counted on the wire to localstripe), exactly one confirmation e-mail once the fault is
gone, and the buyer on the order page — or on the "confirming" page that becomes it.
"""
from __future__ import annotations

import time
import uuid
from typing import Callable

import httpx
import psycopg
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, Buyer
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.faults import FaultProxy
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI

# Saleor's own time limit for a request (uWSGI harakiri) plus the settle job's margin and a
# minute of scheduling: how long a buyer may wait for a payment whose outcome was unknown.
SETTLED_WITHIN = 120


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
        time.sleep(0.3)


def query(shop: Stack, sql: str, *params) -> list[tuple]:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute(sql, params).fetchall()


def attempt_of(shop: Stack, checkout_token: str) -> tuple[str, str | None]:
    [(status, order_token)] = query(
        shop, "SELECT status, order_token::text FROM checkout_checkoutattempt WHERE checkout_token = %s", checkout_token
    )
    return status, order_token


def failed_tries(shop: Stack, task_name: str) -> int:
    return query(shop, "SELECT count(*) FROM jobs_joberror WHERE task_name = %s", task_name)[0][0]


def paying_buyer(new_buyer, label: str) -> tuple[Buyer, str]:
    buyer = new_buyer(f"{label}-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    return buyer, buyer_checkout_token(buyer)


def assert_one_captured_order_and_one_email(
    shop: Stack, staff_api: SaleorStaffAPI, stripe_wire: FaultProxy, mailbox: Mailbox, buyer: Buyer, checkout_token: str
) -> dict:
    orders = staff_api.wait_for_orders(buyer.email, timeout=60)
    assert [order["paymentStatus"] for order in orders] == ["FULLY_CHARGED"]
    [intent] = intents_of(shop, checkout_token)
    assert intent.status == "succeeded"
    assert stripe_wire.requests_to(f"/v1/payment_intents/{intent.id}/capture") == 1
    [mail] = mailbox.exactly(buyer.email, 1, timeout=60)
    assert f"/orders/{orders[0]['token']}/" in text_of(mail)
    assert orders[0]["number"] in mail["Subject"]
    return orders[0]


@pytest.mark.parametrize("fault", ["refuses connections", "accepts and hangs"])
def test_a_mail_server_failing_at_pay_time_delays_only_the_email(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy, fault: str
):
    buyer, checkout_token = paying_buyer(new_buyer, "smtp-" + fault.split()[0])
    failures_before = failed_tries(shop, "orders.tasks.send_order_email")
    mailbox.refuse() if fault == "refuses connections" else mailbox.hang()
    try:
        page = buyer.pay(card=GOOD_CARD)

        assert page.status_code == 200 and page.url.path.startswith("/orders/")
        assert "your order is placed" in page.text
        # A refused connection fails the try at once; a hanging server when EMAIL_TIMEOUT bites.
        wait_until(lambda: failed_tries(shop, "orders.tasks.send_order_email") > failures_before, 30,
                   "the e-mail job to fail against the broken mail server")
    finally:
        mailbox.recover()

    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)


def test_saleor_answering_completion_too_late_keeps_the_card_and_the_settle_job_finds_the_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy, saleor_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "saleor-slow")
    # Saleor gets the request at once and makes the order; its answer arrives after the
    # storefront's SALEOR_TIMEOUT (2.5 s).
    saleor_wire.delay_responses(b"mutation CheckoutComplete", 8)

    answer = buyer.pay(card=GOOD_CARD, follow=False)

    assert answer.status_code == 302 and answer.headers["location"] == "/checkout/confirming/"
    assert attempt_of(shop, checkout_token)[0] == "unknown"
    saleor_wire.heal()
    # The buyer closed the tab at once: only the settle job (after Saleor's own time limit) is left.
    wait_until(lambda: attempt_of(shop, checkout_token)[0] == "completed", SETTLED_WITHIN, "the settle job")
    order = assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)
    # Coming back to the confirming page, the buyer lands on the order.
    back = buyer.http.get("/checkout/confirming/", follow_redirects=True)
    assert back.url.path == f"/orders/{order['token']}/" and "your order is placed" in back.text


def test_saleor_stopping_after_the_payment_was_created_ends_in_one_order_once_it_is_back(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy, saleor_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "saleor-stopped")
    # Saleor stops between checkoutPaymentCreate and checkoutComplete: the completion never
    # reaches it, and nothing answers until it is started again.
    saleor_wire.go_down_at(b"mutation CheckoutComplete")

    page = buyer.pay(card=GOOD_CARD)

    assert page.status_code == 200 and page.url.path == "/checkout/confirming/"
    assert "We are confirming your payment" in page.text
    assert '<meta http-equiv="refresh"' in page.text
    status, _ = attempt_of(shop, checkout_token)
    assert status == "unknown"
    assert intents_of(shop, checkout_token) == []  # Saleor never asked Stripe to charge
    time.sleep(2)
    saleor_wire.heal()  # Saleor is back
    # The buyer keeps the confirming page open; it reloads itself until the order is there.
    def order_page_reached() -> bool:
        return buyer.http.get("/checkout/confirming/", follow_redirects=True).url.path.startswith("/orders/")

    wait_until(order_page_reached, SETTLED_WITHIN, "the confirming page to become the order page")
    assert attempt_of(shop, checkout_token)[0] == "completed"
    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)


def test_stripe_unreachable_when_the_capture_job_runs_is_captured_once_it_is_back(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "stripe-down")
    failures_before = failed_tries(shop, "checkout.tasks.capture_order")
    shop.stop_worker()
    try:
        page = buyer.pay(card=GOOD_CARD)
        assert page.url.path.startswith("/orders/")
        assert staff_api.orders_for(buyer.email)[0]["paymentStatus"] == "NOT_CHARGED"  # authorized only
        stripe_wire.down()
        shop.start_worker()
        wait_until(lambda: failed_tries(shop, "checkout.tasks.capture_order") > failures_before, 60,
                   "the capture job to find Stripe unreachable")
    finally:
        stripe_wire.heal()
        if "worker" not in shop.processes.services:
            shop.start_worker()

    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)


def test_a_worker_killed_in_the_middle_of_its_jobs_leaves_them_to_the_next_without_doing_them_twice(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy, saleor_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "worker-killed")
    shop.stop_worker()
    hung_before = mailbox.hung_messages
    try:
        page = buyer.pay(card=GOOD_CARD)
        assert page.url.path.startswith("/orders/")
        [intent] = intents_of(shop, checkout_token)
        # Both jobs get stuck mid-way: Saleor captures but its answer is held back; the mail
        # server takes the message but never accepts it.
        saleor_wire.delay_responses(b"mutation OrderCapture", 60)
        mailbox.hang()
        shop.start_worker()
        wait_until(
            lambda: stripe_wire.requests_to(f"/v1/payment_intents/{intent.id}/capture") == 1
            and mailbox.hung_messages > hung_before,
            60, "the capture and the e-mail to be under way",
        )

        shop.kill_worker()

        running = query(shop, "SELECT task_name FROM procrastinate_jobs WHERE status = 'doing' ORDER BY task_name")
        assert ("checkout.tasks.capture_order",) in running and ("orders.tasks.send_order_email",) in running
    finally:
        saleor_wire.heal()
        mailbox.recover()
        shop.start_worker()

    # The new worker retries the dead one's jobs; the capture finds the payment captured.
    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)


def test_postgresql_restarting_between_the_payment_and_the_jobs_loses_nothing(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "postgres-restart")
    shop.stop_worker()
    try:
        page = buyer.pay(card=GOOD_CARD)
        assert page.url.path.startswith("/orders/")

        shop.restart_postgres()
    finally:
        shop.start_worker()

    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)
    health = httpx.get(f"http://127.0.0.1:{shop.ports.storefront}/healthz", timeout=10)
    assert health.status_code == 200 and health.json()["checks"]["database"] == "ok"


def test_the_job_worker_outlives_a_postgresql_restart_and_serves_the_next_buyer(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    worker = shop.processes.services["worker"].process
    buyer, checkout_token = paying_buyer(new_buyer, "worker-outlives")

    shop.restart_postgres()  # under the running worker: its pool and its LISTEN connection break

    assert worker.poll() is None, "the job worker exited when PostgreSQL restarted"
    # Each storefront process's pool reconnects with back-off; until then the buyer gets the
    # "temporarily unavailable" page (nothing was charged) and presses Pay again, as Stripe.js
    # would, with a fresh card token.
    deadline = time.monotonic() + 60
    page = buyer.pay(card=GOOD_CARD)
    while page.status_code == 503 and time.monotonic() < deadline:
        assert "Retry-After" in page.headers
        time.sleep(1)
        page = buyer.pay(card=GOOD_CARD)
    assert page.url.path.startswith("/orders/")
    # Captured and e-mailed by the same worker process, once it found the database again.
    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)
    assert worker.poll() is None and shop.processes.services["worker"].process is worker
