"""Returns by line: the refund is the returned items' price (at Stripe too), the items can go
back in stock, the reason is noted on the order, the buyer is e-mailed, and nothing is refunded
twice, even when the form is sent twice at once."""
import re
from concurrent.futures import ThreadPoolExecutor

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token, stripe_client
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import flash, post_action


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

    returned = post_action(admin, order["id"], "return", {"return_0": "1", "restock": "on", "reason": "Too firm for them"})

    assert flash(returned.text) == "Refunded 39.00 for the returned items. The customer was e-mailed."
    assert stripe_refunds(shop, returned.text) == [3900]
    assert staff_api.variant_stock("QLC-001")[2] == shelf_before + 1
    payment = staff_api.orders_for(order["userEmail"])[0]["payments"][0]
    assert payment["chargeStatus"] == "PARTIALLY_REFUNDED" and payment["capturedAmount"]["amount"] == 83.0  # 3 × 39 + 5 shipping, less 39
    assert "Note added by Shop Admin: Returned 1 × QL Claw, put back in stock; refunded 39.00: Too firm for them" in text(returned)
    assert "shipped 3, returned 1" in returned.text
    refund_mails = [m for m in mailbox.wait_for(order["userEmail"], count=3) if m["Subject"].startswith("Refund")]
    assert len(refund_mails) == 1 and "We have refunded $39.00" in text_of(refund_mails[0])

    too_many = post_action(admin, order["id"], "return", {"return_0": "3", "reason": "All of them"})
    assert too_many.status_code == 400
    assert "You can&#x27;t return 3 of QL Claw: 2 shipped and not returned yet." in too_many.text

    kept_out = post_action(admin, order["id"], "return", {"return_0": "2", "reason": "Damaged in transit"})
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
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "return_0": "2", "restock": "on", "reason": "Double click"}

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: admin.post(f"/staff/orders/{order['id']}/return/", data=data), range(2)))

    assert sorted(answer.status_code for answer in answers) == [302, 400]
    refused = next(answer for answer in answers if answer.status_code == 400)
    assert "0 shipped and not returned yet" in refused.text
    assert stripe_refunds(shop, admin.get(f"/staff/orders/{order['id']}/").text) == [7800]
