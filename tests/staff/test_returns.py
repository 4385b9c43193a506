"""Returns by line: the refund is the returned items' price (at Stripe too), the items can go
back in stock, the reason is noted on the order, the buyer is e-mailed, and nothing is refunded
twice, even when the form is sent twice at once."""
import re
from concurrent.futures import ThreadPoolExecutor

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token, stripe_client
from tests.locks import lock_held
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import confirm_return, flash, post_action, return_items


def text(page: httpx.Response) -> str:
    return re.sub(r"<[^>]+>", "", page.text)


def stripe_refunds(shop: Stack, page_html: str) -> list[int]:
    intent_id = re.search(r"Stripe (pi_\w+)", page_html).group(1)
    return sorted(refund.amount for refund in stripe_client(shop).v1.refunds.list(params={"payment_intent": intent_id}).data)


def test_a_returned_line_is_refunded_restocked_noted_and_e_mailed(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    order = place_order(quantity=3)
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-1"})
    _, _, shelf_before, _ = staff_api.variant_stock("QLC-001")

    breakdown, returned = return_items(admin, order["id"], {"return_0": "1", "restock": "on", "reason": "Too firm for them"})

    assert 'id="refund-amount"><strong>$39.00<' in breakdown.text and 'id="refund-discount">−$0.00<' in breakdown.text
    assert flash(returned.text) == "Refunded 39.00 for the returned items. The customer was e-mailed."
    assert stripe_refunds(shop, returned.text) == [3900]
    assert staff_api.variant_stock("QLC-001")[2] == shelf_before + 1
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["chargeStatus"] == "PARTIALLY_REFUNDED" and payment["capturedAmount"]["amount"] == 83.0  # 3 × 39 + 5 shipping, less 39
    assert "Note added by Shop Admin: Returned 1 × QL Claw, put back in stock; refunded 39.00: Too firm for them" in text(returned)
    assert "shipped 3, returned 1" in returned.text
    refund_mails = [m for m in mailbox.wait_for(order["userEmail"], count=3) if m["Subject"].startswith("Refund")]
    assert len(refund_mails) == 1 and "We have refunded $39.00" in text_of(refund_mails[0])

    too_many, _ = return_items(admin, order["id"], {"return_0": "3", "reason": "All of them"})
    assert too_many.status_code == 400
    assert "You can&#x27;t return 3 of QL Claw: 2 shipped and not returned yet." in too_many.text

    _, kept_out = return_items(admin, order["id"], {"return_0": "2", "reason": "Damaged in transit"})
    assert "Refunded 78.00" in flash(kept_out.text)
    assert staff_api.variant_stock("QLC-001")[2] == shelf_before + 1  # not restocked this time
    assert stripe_refunds(shop, kept_out.text) == [3900, 7800]
    assert 'id="return-form"' not in kept_out.text  # nothing left to return
    mailbox.exactly(order["userEmail"], 4)  # confirmation, shipped, two refunds


def test_unshipped_items_cannot_be_returned(admin: httpx.Client, place_order):
    order = place_order(quantity=2)

    page = admin.get(f"/staff/orders/{order['id']}/")
    answer = post_action(admin, order["id"], "return", {"return_0": "1", "reason": "Changed their mind"})

    assert 'id="return-form"' not in page.text
    assert answer.status_code == 400 and "Enter how many of each item came back." in answer.text


def test_the_same_return_sent_twice_at_once_is_refunded_once(shop: Stack, admin: httpx.Client, place_order):
    order = place_order(quantity=2)
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-2"})
    page = admin.get(f"/staff/orders/{order['id']}/")
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "return_0": "2", "restock": "on", "reason": "Double click",
            "confirmed": "1"}

    # Both posts are made to overlap: the test holds the order's lock until both wait on it.
    with ThreadPoolExecutor(max_workers=2) as pool, lock_held(shop, f"order:{order['id']}") as lock:
        posts = [pool.submit(admin.post, f"/staff/orders/{order['id']}/return/", data=data) for _ in range(2)]
        lock.wait_until_waiting(2, watching=posts)
    answers = [post.result() for post in posts]

    assert sorted(answer.status_code for answer in answers) == [302, 400]
    refused = next(answer for answer in answers if answer.status_code == 400)
    assert "0 shipped and not returned yet" in refused.text
    assert stripe_refunds(shop, admin.get(f"/staff/orders/{order['id']}/").text) == [7800]


def test_returning_one_of_two_units_of_a_ten_percent_off_order_refunds_what_the_buyer_paid_for_it(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    order = place_order(quantity=2, promo_code="WELCOME10")  # 2 × 39 − 7.80 + 5 shipping = 75.20
    assert order["payments"][0]["capturedAmount"]["amount"] == 75.2
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-10OFF"})

    breakdown = post_action(admin, order["id"], "return", {
        "return_0": "1", "reason": "Too firm", "message_to_buyer": "Sorry it didn't suit you.",
    })
    nothing_yet = stripe_refunds(shop, admin.get(f"/staff/orders/{order['id']}/").text)
    returned = confirm_return(admin, order["id"], breakdown)

    assert 'id="refund-items">$39.00<' in breakdown.text and 'id="refund-discount">−$3.90<' in breakdown.text
    assert 'id="refund-shipping">$0.00<' in breakdown.text and 'id="refund-amount"><strong>$35.10<' in breakdown.text
    assert "with your message: “Sorry it didn&#x27;t suit you.”" in breakdown.text
    assert nothing_yet == []  # the breakdown alone refunds nothing
    assert flash(returned.text) == "Refunded 35.10 for the returned items. The customer was e-mailed."
    assert stripe_refunds(shop, returned.text) == [3510]
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["capturedAmount"]["amount"] == 40.1  # 75.20 − 35.10
    assert "refunded 35.10 (items 39.00, less their discount share 3.90): Too firm" in text(returned)
    mail = next(m for m in mailbox.wait_for(order["userEmail"], count=3) if m["Subject"].startswith("Refund"))
    body = text_of(mail)
    assert "We have refunded $35.10" in body and "Your discount on them: -$3.90" in body
    assert "Sorry it didn't suit you." in body


def test_a_full_return_of_a_discounted_order_with_its_shipping_refunds_exactly_what_was_captured(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    order = place_order(quantity=3, promo_code="WELCOME10")  # 117 − 11.70 + 5 = 110.30
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-FULL"})
    return_items(admin, order["id"], {"return_0": "1", "reason": "One came back"})

    breakdown, rest = return_items(admin, order["id"], {"return_0": "2", "refund_shipping": "on", "reason": "All back"})

    assert 'id="refund-discount">−$7.80<' in breakdown.text and 'id="refund-shipping">$5.00<' in breakdown.text
    assert 'id="refund-amount"><strong>$75.20<' in breakdown.text
    assert stripe_refunds(shop, rest.text) == [3510, 7520]  # 35.10 + 75.20 = 110.30, what was captured
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["chargeStatus"] == "FULLY_REFUNDED" and payment["capturedAmount"]["amount"] == 0.0


def test_a_return_after_a_partial_refund_is_capped_at_what_is_left_captured(
    shop: Stack, admin: httpx.Client, place_order
):
    order = place_order(quantity=1)  # 39 + 5 = 44
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-CAP"})
    post_action(admin, order["id"], "refund", {"amount": "30.00"})

    breakdown, done = return_items(admin, order["id"], {"return_0": "1", "reason": "Came back after a goodwill refund"})

    assert 'id="refund-limited"' in breakdown.text and 'id="refund-amount"><strong>$14.00<' in breakdown.text
    assert stripe_refunds(shop, done.text) == [1400, 3000]


def test_returns_that_refunded_more_than_the_buyer_paid_are_listed(shop: Stack, admin: httpx.Client, place_order):
    order = place_order(quantity=2, promo_code="WELCOME10")
    post_action(admin, order["id"], "fulfil", {"tracking_number": "RET-AUDIT"})
    return_items(admin, order["id"], {"return_0": "1", "reason": "Right amount"})
    # A return recorded as the shop made them before discounts were pro-rated: the full line price.
    shop.storefront_manage("shell", "-c", (
        "from staff.models import OrderReturn, ReturnedLine; "
        f"r = OrderReturn.objects.create(order_id={order['id']!r}, amount='39.00', currency='USD', reason='old', "
        "staff_email='admin@qlclaw.example'); "
        f"ReturnedLine.objects.create(order_return=r, order_line_id={order['lines'][0]['id']!r}, quantity=1)"
    ))

    listed = shop.storefront_manage("find_over_refunds").stdout

    assert f"Order #{order['number']}: returns refunded 74.10, the buyer paid 70.20 for those items: 3.90 USD too much" in listed
