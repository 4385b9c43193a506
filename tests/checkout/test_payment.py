"""Paying through Saleor's gateway against localstripe, with the real stripe library."""
import re
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import DECLINED_CARD, GOOD_CARD, Buyer, stripe_client
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI


def intents_for_order_email(shop: Stack, staff_api: SaleorStaffAPI, email: str) -> list:
    return [intent for intent in stripe_client(shop).v1.payment_intents.list().data if intent.metadata.get("checkout_token")]


def test_buyer_pays_with_a_good_card_and_gets_one_order_one_capture_and_one_email(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(f"good-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay(quantity=2)

    page = buyer.pay(card=GOOD_CARD)

    assert page.status_code == 200
    assert page.url.path.startswith("/orders/")
    assert "your order is placed" in page.text
    orders = staff_api.orders_for(buyer.email)
    assert len(orders) == 1
    order = orders[0]
    assert order["paymentStatus"] == "FULLY_CHARGED"
    assert order["total"]["gross"]["amount"] == 2 * 39.0 + 5.0
    assert f"/orders/{order['token']}/" == page.url.path
    messages = mailbox.wait_for(buyer.email)
    assert len(messages) == 1
    assert f"/orders/{order['token']}/" in text_of(messages[0])
    assert order["number"] in messages[0]["Subject"]
