"""No card hold outlives its checkout, and every failed attempt is on record: faults cut
Stripe's answer after localstripe stored (and held) the PaymentIntent."""
from __future__ import annotations

import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, stripe_client
from tests.checkout.test_durable_orders import SETTLED_WITHIN, attempt_of, failed_tries, paying_buyer, query, wait_until
from tests.checkout.test_payment import intents_of
from tests.faults import FaultProxy
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import signed_in_client

# The confirm call is the one that puts the hold on the card.
CONFIRM = b"/confirm HTTP/1.1"


def saleor_transactions(shop: Stack, checkout_token: str) -> list[tuple]:
    """(kind, is_success, token, error) of every transaction of the checkout's payments."""
    with psycopg.connect(shop.database_url("saleor")) as db:
        return db.execute(
            "SELECT t.kind, t.is_success, t.token, t.error FROM payment_transaction t"
            " JOIN payment_payment p ON p.id = t.payment_id"
            " WHERE p.checkout_id = %s OR p.order_id IN (SELECT id FROM order_order WHERE checkout_token = %s)"
            " ORDER BY t.id",
            (checkout_token, checkout_token),
        ).fetchall()


def test_a_hold_whose_answer_was_lost_is_never_called_not_charged_and_is_released_once(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "hold-lost")
    stripe_wire.cut_answer_at(CONFIRM)

    page = buyer.pay(card=GOOD_CARD)

    [held] = intents_of(shop, checkout_token)
    assert held.status == "requires_capture"  # $44 held on the card
    assert page.url.path == "/checkout/confirming/"
    assert "not been charged" not in page.text
    assert attempt_of(shop, checkout_token)[0] == "unknown"
    stripe_wire.heal()

    wait_until(lambda: attempt_of(shop, checkout_token)[0] == "completed", SETTLED_WITHIN, "the settle job")
    [order] = staff_api.wait_for_orders(buyer.email, timeout=60)
    wait_until(lambda: staff_api.orders_for(buyer.email)[0]["paymentStatus"] == "FULLY_CHARGED", 60, "the capture")
    wait_until(lambda: stripe_client(shop).v1.payment_intents.retrieve(held.id).status == "canceled", 60,
               "the lost hold to be released")
    # localstripe ignores idempotency keys, so the settle job's completion made a second
    # intent (real Stripe would have answered with the first): one paid, the other released.
    assert sorted(intent.status for intent in intents_of(shop, checkout_token)) == ["canceled", "succeeded"]
    assert stripe_wire.requests_to(f"/v1/payment_intents/{held.id}/cancel") == 1
    assert query(shop, "SELECT intent_id, amount::text FROM checkout_releasedhold WHERE checkout_token = %s",
                 checkout_token) == [(held.id, "44.00")]
    admin, _ = signed_in_client(shop, shop.staff_email, shop.staff_password)
    try:
        assert held.id in admin.get("/staff/jobs/failed/").text
    finally:
        admin.close()
    mailbox.exactly(buyer.email, 1, timeout=60)
    assert order["token"]


def test_a_long_stripe_message_is_cut_to_fit_and_the_failed_attempt_is_recorded(
    shop: Stack, new_buyer, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "long-message")
    stripe_wire.cut_answer_at(CONFIRM)

    page = buyer.pay(card=GOOD_CARD)
    stripe_wire.heal()

    assert page.url.path == "/checkout/confirming/"  # not Saleor's "A query failed unexpectedly"
    [held] = intents_of(shop, checkout_token)
    [(kind, is_success, token, error)] = saleor_transactions(shop, checkout_token)
    assert (kind, is_success, token) == ("auth", False, held.id)
    # stripe 2.48's message for a broken connection is longer than Saleor's 256 characters.
    assert len(error) == 256 and error.endswith("…")


def test_a_capture_whose_answer_was_lost_is_settled_from_stripes_state_not_retried_forever(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "capture-lost")
    failures_before = failed_tries(shop, "checkout.tasks.capture_order")
    shop.stop_worker()
    try:
        page = buyer.pay(card=GOOD_CARD)
        assert page.url.path.startswith("/orders/")
        [intent] = intents_of(shop, checkout_token)
        # Stripe captures; its answer never reaches Saleor, which records a failed capture.
        stripe_wire.cut_answer_at(f"/v1/payment_intents/{intent.id}/capture HTTP".encode())
        shop.start_worker()
        wait_until(lambda: failed_tries(shop, "checkout.tasks.capture_order") > failures_before, 60,
                   "the capture job to lose Stripe's answer")
        assert stripe_client(shop).v1.payment_intents.retrieve(intent.id).status == "succeeded"
        assert staff_api.orders_for(buyer.email)[0]["paymentStatus"] == "NOT_CHARGED"
    finally:
        stripe_wire.heal()
        if "worker" not in shop.processes.services:
            shop.start_worker()

    wait_until(lambda: staff_api.orders_for(buyer.email)[0]["paymentStatus"] == "FULLY_CHARGED", 60,
               "the capture job to record the capture Stripe made")
    assert stripe_wire.requests_to(f"/v1/payment_intents/{intent.id}/capture") == 1
    mailbox.exactly(buyer.email, 1, timeout=60)
