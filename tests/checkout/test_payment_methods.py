"""The PaymentMethod (`pm_`) path that real Stripe.js takes (`stripe.createPaymentMethod`):
the browser sends a PaymentMethod id, Saleor's gateway plugin makes and confirms an intent
with it. localstripe's stand-in Stripe.js cannot make one (its createPaymentMethod does
nothing), so the test makes it with the real stripe library, as Stripe.js would."""
from __future__ import annotations

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, THREE_D_SECURE_CARD, stripe_client
from tests.checkout.test_durable_orders import assert_one_captured_order_and_one_email, paying_buyer
from tests.checkout.test_payment import intents_of
from tests.faults import FaultProxy
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI


def payment_method(shop: Stack, number: str) -> str:
    return stripe_client(shop).v1.payment_methods.create(params={
        "type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    }).id


def test_a_payment_method_pays_through_the_gateway_plugin_with_one_order_one_capture_and_one_email(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "payment-method")
    method = payment_method(shop, GOOD_CARD)
    assert method.startswith("pm_")

    page = buyer.pay(payment_token=method)

    assert page.url.path.startswith("/orders/") and "your order is placed" in page.text
    order = assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)
    [intent] = intents_of(shop, checkout_token)
    assert intent.payment_method == method and intent.amount == 4400
    assert f"/orders/{order['token']}/" == page.url.path


def test_a_payment_method_needing_3d_secure_is_confirmed_then_completed(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    buyer, checkout_token = paying_buyer(new_buyer, "payment-method-3ds")

    challenge = buyer.pay(payment_token=payment_method(shop, THREE_D_SECURE_CARD))

    assert challenge.url.path == "/checkout/"
    secret = challenge.text.split('data-client-secret="')[1].split('"')[0]
    assert staff_api.orders_for(buyer.email) == []
    # What Stripe.js' confirmCardPayment does when the buyer approves the bank's challenge:
    httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{secret.split('_secret_')[0]}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": secret},
    ).raise_for_status()

    done = buyer.confirm()

    assert done.url.path.startswith("/orders/")
    assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, buyer, checkout_token)
