"""Saleor 2.10.1 calls plugins' order_created inside the transaction that makes the order, after
the card was charged: the tax plugin's hook failing there must not undo a paid order. The test
stack makes it fail for buyers at TAX_FAULT_EMAIL_DOMAIN (Saleor's setting of that name)."""
from __future__ import annotations

import uuid

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, TAX_FAULT_EMAIL_DOMAIN
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI


def tax_labels(staff_api: SaleorStaffAPI, order_id: str) -> dict[str, str]:
    order = staff_api.execute("query($id: ID!) { order(id: $id) { metadata { key value } } }", {"id": order_id})["order"]
    return {item["key"]: item["value"] for item in order["metadata"] if item["key"].startswith("tax.")}


def test_a_failing_tax_hook_after_the_charge_loses_no_paid_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    usual = new_buyer(f"tax-hook-{uuid.uuid4().hex[:8]}@example.com")
    struck = new_buyer(f"tax-hook-{uuid.uuid4().hex[:8]}@{TAX_FAULT_EMAIL_DOMAIN}")
    for buyer in (usual, struck):
        buyer.ready_to_pay()

    pages = [buyer.pay(card=GOOD_CARD) for buyer in (usual, struck)]

    for buyer, page in zip((usual, struck), pages):
        assert page.url.path.startswith("/orders/") and "your order is placed" in page.text, (buyer.email, page.url)
        orders = staff_api.wait_for_orders(buyer.email)
        assert len(orders) == 1 and orders[0]["paymentStatus"] == "FULLY_CHARGED", orders
        assert page.url.path == f"/orders/{orders[0]['token']}/"
        assert f"/orders/{orders[0]['token']}/" in text_of(mailbox.exactly(buyer.email, 1)[0])
    # The hook writes the order's tax labels; the fault struck before it could, and only there.
    [usual_order], [struck_order] = staff_api.orders_for(usual.email), staff_api.orders_for(struck.email)
    assert tax_labels(staff_api, usual_order["id"])["tax.market"] == "US"
    assert tax_labels(staff_api, struck_order["id"]) == {}
