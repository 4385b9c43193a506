"""Stripe webhooks at the storefront: signed, processed once, reconciled with Saleor."""
import json
import time
import uuid

import httpx
import psycopg
import pytest
import stripe

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, THREE_D_SECURE_CARD, Buyer, csrf_token, stripe_client
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI


def send_event(shop: Stack, event, *, secret: str | None = None, timestamp: int | None = None,
               signature: str | None = None) -> httpx.Response:
    payload = event if isinstance(event, str) else json.dumps(event)
    if signature is None:
        signature = stripe.WebhookSignature.generate_signature_header(
            payload, secret or shop.secrets["STRIPE_WEBHOOK_SECRET"], timestamp=timestamp or int(time.time())
        )
    headers = {"Content-Type": "application/json"}
    if signature:
        headers["Stripe-Signature"] = signature
    return httpx.post(f"http://127.0.0.1:{shop.ports.storefront}/checkout/stripe/webhook/", content=payload, headers=headers)


def event(event_type: str, data: dict) -> dict:
    return {"id": f"evt_{uuid.uuid4().hex}", "object": "event", "type": event_type,
            "created": int(time.time()), "data": {"object": data}}


def stored_events(shop: Stack, event_id: str) -> list:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute("SELECT type, outcome FROM checkout_stripeevent WHERE event_id = %s", (event_id,)).fetchall()


def attempt_status(shop: Stack, checkout_token: str) -> tuple:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute(
            "SELECT status, last_error, order_token FROM checkout_checkoutattempt WHERE checkout_token = %s",
            (checkout_token,),
        ).fetchone()


def paid_order(shop: Stack, buyer: Buyer, staff_api: SaleorStaffAPI):
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    staff_api.wait_for_orders(buyer.email)
    [intent] = intents_of(shop, checkout_token)
    return checkout_token, intent


@pytest.mark.parametrize(
    "signature",
    ["", "t=1,v1=0000", "wrong-secret", "stale"],
    ids=["unsigned", "garbage", "wrong secret", "stale"],
)
def test_unsigned_wrongly_signed_and_stale_events_get_400_and_change_nothing(shop: Stack, signature: str):
    unknown = event("payment_intent.payment_failed", {"id": "pi_unknown", "object": "payment_intent", "metadata": {}})
    if signature == "wrong-secret":
        response = send_event(shop, unknown, secret="whsec_not_ours")
    elif signature == "stale":
        response = send_event(shop, unknown, timestamp=int(time.time()) - 600)
    else:
        response = send_event(shop, unknown, signature=signature)

    assert response.status_code == 400
    assert stored_events(shop, unknown["id"]) == []


def test_a_replayed_event_is_processed_once(shop: Stack):
    ignored = event("customer.created", {"id": "cus_123", "object": "customer"})

    first = send_event(shop, ignored)
    replay = send_event(shop, ignored)

    assert first.json()["outcome"] == "ignored: customer.created"
    assert replay.status_code == 200
    assert replay.json()["outcome"] == "duplicate: already processed"
    assert len(stored_events(shop, ignored["id"])) == 1


@pytest.mark.parametrize("event_type", ["payment_intent.amount_capturable_updated", "payment_intent.succeeded"])
def test_a_buyer_who_closed_the_tab_after_3d_secure_still_gets_exactly_one_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, event_type: str
):
    buyer = new_buyer(f"closed-tab-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    challenge = buyer.pay(card=THREE_D_SECURE_CARD)
    secret = challenge.text.split('data-client-secret="')[1].split('"')[0]
    stale_tab_token = csrf_token(challenge.text)
    intent_id = secret.split("_secret_")[0]
    httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{intent_id}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": secret},
    ).raise_for_status()
    # The buyer never comes back. Stripe reports the authorized intent (manual capture:
    # amount_capturable_updated; localstripe sends nothing for an uncaptured intent, so the
    # test signs the event itself, with the intent as localstripe holds it).
    intent = stripe_client(shop).v1.payment_intents.retrieve(intent_id).to_dict()
    assert intent["status"] == "requires_capture"

    delivered = send_event(shop, event(event_type, intent))

    orders = staff_api.wait_for_orders(buyer.email)
    assert delivered.json()["outcome"] == f"completed: order {orders[0]['token']}"
    assert len(orders) == 1
    assert orders[0]["paymentStatus"] == "FULLY_CHARGED"
    assert attempt_status(shop, checkout_token)[0] == "completed"
    # A second report of the same payment, and the buyer's late return, change nothing.
    again = send_event(shop, event("payment_intent.succeeded", intent))
    assert again.json()["outcome"].startswith("already completed")
    # The buyer's old tab posts its confirmation form after all.
    late = buyer.http.post("/checkout/pay/confirm/", data={"csrfmiddlewaretoken": stale_tab_token})
    assert late.headers["location"] == f"/orders/{orders[0]['token']}/?placed=1"
    assert len(staff_api.orders_for(buyer.email)) == 1
    # Counted after every duplicate trigger was sent.
    mailbox.exactly(buyer.email, 1)


def test_a_failed_payment_is_recorded_and_a_late_failure_never_undoes_an_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    pending = new_buyer(f"failing-{uuid.uuid4().hex[:6]}@example.com")
    pending.ready_to_pay()
    pending_token = buyer_checkout_token(pending)
    pending.pay(card=THREE_D_SECURE_CARD)
    failure = {"object": "payment_intent", "metadata": {"checkout_token": pending_token},
               "last_payment_error": {"message": "The bank refused the authentication."}}

    [intent_at_3ds] = intents_of(shop, pending_token)
    # A failure of some other intent (an earlier card, another shop's) changes nothing.
    other = send_event(shop, event("payment_intent.payment_failed", {"id": "pi_earlier_card", **failure}))
    assert other.json()["outcome"] == "ignored: checkout not waiting for this payment (needs_authentication)"
    assert attempt_status(shop, pending_token)[0] == "needs_authentication"
    garbage = send_event(shop, event("payment_intent.payment_failed", {
        "id": intent_at_3ds.id, **failure, "last_payment_error": "declined, as a string"}))
    assert garbage.status_code == 400 and garbage.text.startswith("Malformed event: ")

    recorded = send_event(shop, event("payment_intent.payment_failed", {"id": intent_at_3ds.id, **failure}))

    assert recorded.json()["outcome"] == "recorded failure: The bank refused the authentication."
    assert attempt_status(shop, pending_token)[:2] == ("declined", "The bank refused the authentication.")

    paid = new_buyer(f"paid-{uuid.uuid4().hex[:6]}@example.com")
    checkout_token, intent = paid_order(shop, paid, staff_api)
    late = send_event(shop, event("payment_intent.payment_failed", {"id": intent.id, "object": "payment_intent",
                                                                     "metadata": {"checkout_token": checkout_token}}))

    assert late.json()["outcome"] == "ignored: checkout already completed"
    assert attempt_status(shop, checkout_token)[0] == "completed"
    assert staff_api.wait_for_orders(paid.email)[0]["paymentStatus"] == "FULLY_CHARGED"


def test_a_refund_made_in_the_stripe_dashboard_shows_on_the_saleor_order_without_refunding_twice(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    buyer = new_buyer(f"refund-{uuid.uuid4().hex[:6]}@example.com")
    _, intent = paid_order(shop, buyer, staff_api)
    client = stripe_client(shop)
    # The shop admin refunds $10 in the Stripe dashboard.
    client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 1000})
    # localstripe expands latest_charge; Stripe sends its id.
    charge_id = intent.latest_charge if isinstance(intent.latest_charge, str) else intent.latest_charge.id
    charge = client.v1.charges.retrieve(charge_id).to_dict()
    assert charge["amount_refunded"] == 1000

    response = send_event(shop, event("charge.refunded", charge))
    replay = send_event(shop, event("charge.refunded", charge))

    assert response.json()["outcome"] == "recorded refund of 10.00"
    assert replay.json()["outcome"] == "refund already recorded"
    payment = staff_api.orders_for(buyer.email)[0]["payments"][0]
    assert payment["chargeStatus"] == "PARTIALLY_REFUNDED"
    assert payment["capturedAmount"]["amount"] == 34.0
    refunds = client.v1.refunds.list(params={"payment_intent": intent.id}).data
    assert [refund.amount for refund in refunds] == [1000]


def test_a_lost_webhook_is_made_up_for_by_the_reconciliation_command(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(f"lost-webhook-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    challenge = buyer.pay(card=THREE_D_SECURE_CARD)
    secret = challenge.text.split('data-client-secret="')[1].split('"')[0]
    pending = new_buyer(f"still-pending-{uuid.uuid4().hex[:6]}@example.com")
    pending.ready_to_pay()
    pending_token = buyer_checkout_token(pending)
    pending.pay(card=THREE_D_SECURE_CARD)  # never authenticated: must not become an order
    httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{secret.split('_secret_')[0]}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": secret},
    ).raise_for_status()

    output = shop.storefront_manage("reconcile_payments", "--older-than-seconds", "0").stdout

    assert f"{checkout_token}: completed" in output
    assert attempt_status(shop, checkout_token)[0] == "completed"
    assert staff_api.wait_for_orders(buyer.email)[0]["paymentStatus"] == "FULLY_CHARGED"
    mailbox.exactly(buyer.email, 1)
    assert staff_api.orders_for(pending.email) == []
    assert attempt_status(shop, pending_token)[2] is None


@pytest.mark.parametrize(
    "payload",
    [[], {}, {"id": "evt_no_data", "type": "payment_intent.succeeded"},
     {"id": "evt_bad_data", "type": "payment_intent.succeeded", "data": []},
     {"id": 42, "type": "payment_intent.succeeded", "data": {"object": {}}},
     {"id": "evt_bad_object", "type": "payment_intent.succeeded", "data": {"object": "pi_123"}}],
    ids=["list", "empty object", "no data", "data not an object", "id not a string", "object not an object"],
)
def test_correctly_signed_but_malformed_events_get_400_in_plain_words(shop: Stack, payload):
    response = send_event(shop, payload)

    assert response.status_code == 400
    assert response.text.startswith("Malformed event: ")


def nested_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    ("data", "reason"),
    [({"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount_refunded": 10**30},
      "data.object.amount_refunded is out of range"),
     ({"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount_refunded": -1},
      "data.object.amount_refunded is out of range"),
     ({"id": "ch_1", "object": "charge", "payment_intent": ["pi_1"], "amount_refunded": 100},
      "data.object.payment_intent is not a string"),
     ({"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount_refunded": "lots"},
      "data.object.amount_refunded is not a whole number"),
     ({"id": "pi_" + "x" * 5000, "object": "payment_intent", "metadata": {}},
      "data.object.id is longer than 100 characters"),
     ({"id": "pi_1", "object": "payment_intent", "metadata": ["checkout_token"]},
      "data.object.metadata is not an object"),
     ({"id": "pi_1", "object": "payment_intent", "metadata": {"checkout_token": 7}},
      "data.object.metadata.checkout_token is not a string"),
     ({"id": "pi_1", "object": "payment_intent", "last_payment_error": "boom"},
      "data.object.last_payment_error is not an object")],
    ids=["amount of 10^30", "negative amount", "intent not a string", "amount not a number", "id of 5,000 characters",
         "metadata not an object", "metadata value not a string", "error not an object"],
)
def test_signed_events_with_malformed_fields_get_400_with_the_reason(shop: Stack, data, reason):
    response = send_event(shop, event("charge.refunded" if data["object"] == "charge" else "payment_intent.succeeded", data))

    assert response.status_code == 400
    assert response.text == f"Malformed event: {reason}"


def test_signed_events_too_long_or_too_deep_get_400_with_the_reason(shop: Stack):
    long_id = {"id": "evt_" + "x" * 5000, "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1"}}}
    deep = json.dumps(event("payment_intent.succeeded", {"id": "pi_1"}))[:-3] + ', "extra": ' + nested_lists(100_000) + "}}}"
    not_so_deep = event("payment_intent.succeeded", {"id": "pi_1", "extra": json.loads(nested_lists(40))})

    assert send_event(shop, long_id).text == "Malformed event: id is longer than 100 characters"
    for payload in (deep, not_so_deep):
        response = send_event(shop, payload)
        assert response.status_code == 400 and response.text.startswith("Malformed event: nested ")


def test_an_event_for_a_checkout_token_of_no_shop_is_ignored(shop: Stack):
    stranger = event("payment_intent.succeeded", {"id": "pi_x", "metadata": {"checkout_token": "not-a-uuid"}})

    intent = send_event(shop, stranger)

    assert intent.status_code == 200 and intent.json()["outcome"] == "ignored: not a checkout of this shop"


def test_an_event_signed_more_than_five_minutes_in_the_future_is_refused(shop: Stack):
    future = event("payment_intent.payment_failed", {"id": "pi_future", "object": "payment_intent", "metadata": {}})

    response = send_event(shop, future, timestamp=int(time.time()) + 600)

    assert response.status_code == 400
    assert "future" in response.text
    assert stored_events(shop, future["id"]) == []


def test_a_webhook_for_a_payment_whose_order_saleor_made_unseen_is_recorded_against_that_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, saleor_wire
):
    buyer = new_buyer(f"webhook-unseen-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    # Saleor makes the order, but its answer comes too late: the storefront saw no order and
    # Saleor has deleted the checkout.
    saleor_wire.delay_responses(b"mutation CheckoutComplete", 6)
    answer = buyer.pay(card=GOOD_CARD, follow=False)
    saleor_wire.heal()
    assert answer.headers["location"] == "/checkout/confirming/"
    assert attempt_status(shop, checkout_token)[0] == "unknown"
    [intent] = intents_of(shop, checkout_token)

    delivered = send_event(shop, event("payment_intent.amount_capturable_updated", intent.to_dict()))

    [order] = staff_api.wait_for_orders(buyer.email)
    assert delivered.json()["outcome"] == f"completed: order {order['token']}"
    assert attempt_status(shop, checkout_token)[::2] == ("completed", uuid.UUID(order["token"]))
    assert order["paymentStatus"] == "FULLY_CHARGED"
    mailbox.exactly(buyer.email, 1)
