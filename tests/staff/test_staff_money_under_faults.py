"""Staff money actions when Saleor's answer is lost: the refund happened, the admin saw an error
page, and pressing Refund again on that page must not pay the buyer twice."""
import re

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import stripe_client
from tests.faults import FaultProxy
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import action_form, flash


def test_a_refund_whose_answer_was_lost_is_not_paid_out_again(
    shop: Stack, admin: httpx.Client, place_order, saleor_wire: FaultProxy, staff_api: SaleorStaffAPI
):
    order = place_order()
    page = admin.get(f"/staff/orders/{order['id']}/")
    form = {**action_form(page.text, order["id"], "refund"), "amount": "10.00"}
    assert form["captured_seen"] == "44.00"

    # Saleor refunds (and Stripe with it), then its answer never reaches the storefront.
    saleor_wire.cut_answer_at(b"mutation OrderRefund")
    lost = admin.post(f"/staff/orders/{order['id']}/refund/", data=form)
    saleor_wire.heal()
    # The admin presses Refund again on the same page (Back, or the form resent).
    again = admin.post(f"/staff/orders/{order['id']}/refund/", data=form, follow_redirects=True)

    assert lost.status_code == 503
    assert again.status_code == 400
    assert "34.00 is captured now, not the 44.00 your page showed" in again.text
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["capturedAmount"]["amount"] == 34.0
    intent_id = re.search(r"Stripe (pi_\w+)", again.text).group(1)
    refunds = stripe_client(shop).v1.refunds.list(params={"payment_intent": intent_id}).data
    assert [refund.amount for refund in refunds] == [1000]
    # A fresh page shows what is captured now, and refunds from there.
    fresh = admin.get(f"/staff/orders/{order['id']}/")
    refunded = admin.post(f"/staff/orders/{order['id']}/refund/",
                          data={**action_form(fresh.text, order["id"], "refund"), "amount": "4.00"}, follow_redirects=True)
    assert flash(refunded.text) == "Refunded."


def test_a_refund_form_without_what_the_page_showed_is_refused_in_words(admin: httpx.Client, place_order):
    order = place_order()
    page = admin.get(f"/staff/orders/{order['id']}/")
    form = action_form(page.text, order["id"], "refund")
    del form["captured_seen"]

    answer = admin.post(f"/staff/orders/{order['id']}/refund/", data={**form, "amount": "5.00"})

    assert answer.status_code == 400
    assert "This page is out of date: reload it and refund again." in answer.text
