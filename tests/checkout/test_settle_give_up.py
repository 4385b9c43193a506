"""A buyer who leaves at the bank's 3-D Secure step and never comes back: after
SETTLE_GIVE_UP_SECONDS (a day) the settle job gives the payment up — the card hold is released at
Stripe, no order is made, and the checkout is not charged if the bank's approval arrives later.
A buyer still within SETTLE_AUTHENTICATION_AFTER_SECONDS (10 minutes) at the bank is left alone."""
from __future__ import annotations

import uuid

import httpx
import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import THREE_D_SECURE_CARD
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.checkout.test_webhooks import attempt_status
from tests.saleor_api import SaleorStaffAPI


def started_at_3ds(new_buyer, label: str):
    buyer = new_buyer(f"{label}-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    challenge = buyer.pay(card=THREE_D_SECURE_CARD)
    secret = challenge.text.split('data-client-secret="')[1].split('"')[0]
    return buyer, buyer_checkout_token(buyer), secret


def test_a_payment_left_at_3d_secure_for_a_day_is_given_up_and_its_hold_released(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    gone, gone_token, gone_secret = started_at_3ds(new_buyer, "gone-a-day")
    recent, recent_token, _ = started_at_3ds(new_buyer, "gone-an-hour")
    # As the settle job sees them: one left a day and a minute ago, the other a minute ago.
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        for token, age in ((gone_token, "1 day 1 minute"), (recent_token, "1 minute")):
            db.execute("UPDATE checkout_checkoutattempt SET created = now() - %s::interval, "
                       "updated = now() - %s::interval WHERE checkout_token = %s", (age, age, token))
    assert attempt_status(shop, gone_token)[0] == "needs_authentication"

    # The job's own thresholds (no override): what the worker does every minute.
    output = shop.storefront_manage("reconcile_payments").stdout

    assert recent_token not in output
    assert f"{gone_token}: released" in output, output
    status, error, order_token = attempt_status(shop, gone_token)
    assert (status, error, order_token) == ("failed", "The checkout closed without an order", None)
    assert [intent.status for intent in intents_of(shop, gone_token)] == ["canceled"]
    # The younger one still waits for its buyer, its hold kept.
    assert attempt_status(shop, recent_token)[0] == "needs_authentication"
    assert [intent.status for intent in intents_of(shop, recent_token)] == ["requires_action"]

    # The bank's approval arriving after that charges nothing and makes no order.
    approval = httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{gone_secret.split('_secret_')[0]}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": gone_secret},
    )
    assert approval.status_code >= 400 or approval.json().get("status") != "succeeded"
    shop.storefront_manage("reconcile_payments")
    assert attempt_status(shop, gone_token)[0] == "failed"
    assert staff_api.orders_for(gone.email) == [] and staff_api.orders_for(recent.email) == []
