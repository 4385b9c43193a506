"""A buyer who leaves at the bank's 3-D Secure step and never comes back: after
SETTLE_GIVE_UP_SECONDS (a day) the settle job gives the payment up — the card hold is released at
Stripe, no order is made, and the checkout is not charged if the bank's approval arrives later.
A buyer still within SETTLE_AUTHENTICATION_AFTER_SECONDS (10 minutes) at the bank is left alone;
one slower than that is asked about (Stripe still says `requires_action`) and left waiting, never
declined: they may still authenticate and get their order."""
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


def aged(shop: Stack, checkout_token: str, *, created: str, updated: str) -> None:
    """As the settle job sees an attempt made `created` ago and last touched `updated` ago."""
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        db.execute("UPDATE checkout_checkoutattempt SET created = now() - %s::interval, "
                   "updated = now() - %s::interval WHERE checkout_token = %s", (created, updated, checkout_token))


def settled_just_now(shop: Stack, checkout_token: str) -> bool:
    """Whether the settling touched the attempt a moment ago (its `updated` moves when Saleor is
    asked). The command and the worker's sweep (every 15 s) do the same: either may be first."""
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        [(recent,)] = db.execute("SELECT now() - updated < interval '1 minute' FROM checkout_checkoutattempt "
                                 "WHERE checkout_token = %s", (checkout_token,)).fetchall()
    return recent


def authenticate(shop: Stack, client_secret: str) -> httpx.Response:
    """What Stripe.js' confirmCardPayment does when the buyer approves the bank's challenge."""
    return httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{client_secret.split('_secret_')[0]}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": client_secret},
    )


def test_a_buyer_slower_than_the_authentication_wait_is_left_pending_and_can_still_pay(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    buyer, checkout_token, secret = started_at_3ds(new_buyer, "slow-3ds")
    aged(shop, checkout_token, created="11 minutes", updated="11 minutes")

    output = shop.storefront_manage("reconcile_payments").stdout

    # Saleor asked Stripe (its confirm step) and heard requires_action: still the buyer's turn.
    assert f"{checkout_token}: authenticate" in output or settled_just_now(shop, checkout_token), output
    assert attempt_status(shop, checkout_token) == ("needs_authentication", "", None)
    assert [intent.status for intent in intents_of(shop, checkout_token)] == ["requires_action"]
    assert staff_api.orders_for(buyer.email) == []
    # Asked again only after another SETTLE_AUTHENTICATION_AFTER_SECONDS, not every minute.
    assert checkout_token not in shop.storefront_manage("reconcile_payments").stdout

    authenticate(shop, secret).raise_for_status()
    done = buyer.confirm()

    assert done.url.path.startswith("/orders/"), done.url
    orders = staff_api.wait_for_orders(buyer.email)
    assert len(orders) == 1 and orders[0]["paymentStatus"] == "FULLY_CHARGED"
    assert [intent.status for intent in intents_of(shop, checkout_token)] == ["succeeded"]
    assert attempt_status(shop, checkout_token)[0] == "completed"


def test_a_pending_3d_secure_payment_is_given_up_after_a_day_with_nothing_charged(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    buyer, checkout_token, secret = started_at_3ds(new_buyer, "pending-then-gone")
    aged(shop, checkout_token, created="11 minutes", updated="11 minutes")
    output = shop.storefront_manage("reconcile_payments").stdout
    assert f"{checkout_token}: authenticate" in output or settled_just_now(shop, checkout_token), output
    aged(shop, checkout_token, created="1 day 1 minute", updated="11 minutes")

    output = shop.storefront_manage("reconcile_payments").stdout

    # Released by the command, or by the sweep a moment before it: the same settling.
    assert f"{checkout_token}: released" in output or "released" not in output, output
    assert attempt_status(shop, checkout_token) == ("failed", "The checkout closed without an order", None)
    assert [intent.status for intent in intents_of(shop, checkout_token)] == ["canceled"]
    # The bank's approval arriving after the give-up takes no money and makes no order.
    approval = authenticate(shop, secret)
    assert approval.status_code >= 400 or approval.json().get("status") != "succeeded"
    assert not buyer.confirm().url.path.startswith("/orders/")
    assert staff_api.orders_for(buyer.email) == []
    assert [intent.status for intent in intents_of(shop, checkout_token)] == ["canceled"]


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

    # The job's own thresholds (no override): what the worker does every 15 s.
    output = shop.storefront_manage("reconcile_payments").stdout

    assert recent_token not in output
    # Released by the command, or by the sweep a moment before it: the same settling.
    assert f"{gone_token}: released" in output or gone_token not in output, output
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
