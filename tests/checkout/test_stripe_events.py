"""Stripe events handled without HTTP: `checkout.stripe_events.process_event` is what the webhook
endpoint calls once a request's signature and shape are checked, and it is whole on its own."""
from __future__ import annotations

import json
import uuid

from deploy.runner.stack import Stack
from tests.checkout.buyer import THREE_D_SECURE_CARD
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.checkout.test_webhooks import attempt_status, event, stored_events
from tests.storefront_shell import storefront_python

PROCESS_TWICE = """
import json, os
from checkout.stripe_events import process_event
event = json.loads(os.environ["STRIPE_EVENT"])
print(process_event(event))
print(process_event(event))
"""


def test_a_failed_authentication_event_is_recorded_once_without_a_request(shop: Stack, new_buyer):
    buyer = new_buyer(f"events-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    buyer.pay(card=THREE_D_SECURE_CARD)
    [intent] = intents_of(shop, checkout_token)
    failed = event("payment_intent.payment_failed", {
        "id": intent.id, "object": "payment_intent", "metadata": {"checkout_token": checkout_token},
        "last_payment_error": {"message": "The bank refused the authentication."},
    })

    result = storefront_python(shop, PROCESS_TWICE, STRIPE_EVENT=json.dumps(failed))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "recorded failure: The bank refused the authentication.", "duplicate: already processed",
    ]
    assert attempt_status(shop, checkout_token)[:2] == ("declined", "The bank refused the authentication.")
    assert stored_events(shop, failed["id"]) == [
        ("payment_intent.payment_failed", "recorded failure: The bank refused the authentication."),
    ]
