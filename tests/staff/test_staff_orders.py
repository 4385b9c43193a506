"""The shop admin finds, ships, refunds and cancels orders, all through Saleor."""
import re

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import stripe_client
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import flash, post_action


def test_orders_list_defaults_to_needs_shipping_opens_an_order_by_number_and_finds_by_email(admin: httpx.Client, place_order):
    order = place_order()

    listed = admin.get("/staff/orders/")
    by_number = admin.get("/staff/orders/", params={"status": "", "q": order["number"]})
    as_written = admin.get("/staff/orders/", params={"q": f"#{order['number']}"})
    no_such_number = admin.get("/staff/orders/", params={"status": "", "q": "#987654321"})
    by_email = admin.get("/staff/orders/", params={"status": "", "q": order["userEmail"]})

    assert 'value="READY_TO_FULFILL" selected' in listed.text
    assert f"#{order['number']}" in listed.text
    # A number, with or without "#", opens that order (whatever the status filter says).
    assert by_number.status_code == as_written.status_code == 302
    assert by_number.headers["location"] == as_written.headers["location"] == f"/staff/orders/{order['id']}/"
    assert no_such_number.status_code == 200 and re.search(r'id="order-count">0 orders<', no_such_number.text)
    assert re.search(r'id="order-count">1 order<', by_email.text)


def test_fulfilling_with_a_tracking_number_emails_the_customer(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    order = place_order(quantity=2)

    shipped = post_action(admin, order["id"], "fulfil", {"tracking_number": "1Z999AA10123456784"})

    assert "Shipped. The customer was e-mailed the tracking number." in flash(shipped.text)
    # Shipped with the form's first carrier, USPS: the number links its tracking page.
    assert ('Shipped with USPS — tracking <a href="https://tools.usps.com/go/TrackConfirmAction?tLabels=1Z999AA10123456784"'
            in shipped.text)
    assert staff_api.orders_for(order["userEmail"])[0]["status"] == "FULFILLED"
    mail = [m for m in mailbox.wait_for(order["userEmail"], count=2) if "on its way" in m["Subject"]]
    assert len(mail) == 1 and "1Z999AA10123456784" in text_of(mail[0])
    again = post_action(admin, order["id"], "fulfil", {"tracking_number": "AGAIN"})
    assert again.status_code == 400 and "Nothing to ship" in again.text


def test_shipping_part_of_an_order_and_never_more_than_was_ordered(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    order = place_order(quantity=3)

    too_many = post_action(admin, order["id"], "fulfil", {"line_0": "4", "tracking_number": "T-1"})
    negative = post_action(admin, order["id"], "fulfil", {"line_0": "-1", "tracking_number": "T-1"})
    part = post_action(admin, order["id"], "fulfil", {"line_0": "1", "tracking_number": "T-1"})

    assert too_many.status_code == 400
    assert "You can&#x27;t ship 4 of QL Claw: only 3 not shipped yet." in too_many.text
    assert "The quantity can&#x27;t be negative." in negative.text
    assert "Shipped." in flash(part.text)
    assert staff_api.orders_for(order["userEmail"])[0]["status"] == "PARTIALLY_FULFILLED"
    assert "2 not shipped yet" in part.text


def test_a_partial_refund_reaches_stripe_and_the_order(shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI):
    order = place_order()

    refunded = post_action(admin, order["id"], "refund", {"amount": "10.00"})

    assert flash(refunded.text) == "Refunded."
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["chargeStatus"] == "PARTIALLY_REFUNDED"
    assert payment["capturedAmount"]["amount"] == 34.0
    intent_id = re.search(r"Stripe (pi_\w+)", refunded.text).group(1)
    refunds = stripe_client(shop).v1.refunds.list(params={"payment_intent": intent_id}).data
    assert [refund.amount for refund in refunds] == [1000]


def test_bad_refunds_are_refused_with_clear_messages(admin: httpx.Client, place_order):
    order = place_order()

    too_much = post_action(admin, order["id"], "refund", {"amount": "44.01"})
    zero = post_action(admin, order["id"], "refund", {"amount": "0"})
    negative = post_action(admin, order["id"], "refund", {"amount": "-5"})
    nonsense = post_action(admin, order["id"], "refund", {"amount": "ten"})

    assert too_much.status_code == 400 and "You can refund at most 44.00 (what was captured)." in too_much.text
    assert "The amount must be more than zero." in zero.text and "The amount must be more than zero." in negative.text
    assert "Please enter an amount like 12.50." in nonsense.text


def test_canceling_a_paid_order_refunds_it_and_puts_the_stock_back(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    order = place_order(quantity=3)
    available_before = staff_api.available("QLC-001")

    canceled = post_action(admin, order["id"], "cancel", {"confirm": "on"})

    assert "Canceled." in flash(canceled.text)
    after = staff_api.orders_for(order["userEmail"])[0]
    assert after["status"] == "CANCELED"
    assert after["payments"][0]["chargeStatus"] == "FULLY_REFUNDED"
    assert staff_api.available("QLC-001") == available_before + 3
    unconfirmed = post_action(admin, order["id"], "cancel", {})
    assert "Tick the box to confirm the cancellation." in unconfirmed.text


def test_notes_packing_slip_and_unknown_orders(admin: httpx.Client, place_order):
    order = place_order()

    noted = post_action(admin, order["id"], "notes", {"message": "Customer asked for a gift wrap."})
    slip = admin.get(f"/staff/orders/{order['id']}/packing-slip/")

    assert "Customer asked for a gift wrap." in noted.text
    assert slip.status_code == 200 and "QLC-001" in slip.text and "packing slip" in slip.text
    assert admin.get("/staff/orders/T3JkZXI6OTk5OTk5/").status_code == 404
    assert admin.get("/staff/orders/not-an-id/").status_code == 404
