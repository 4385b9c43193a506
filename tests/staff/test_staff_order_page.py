"""The order page in the admin's words: the timeline names events and who did them, payments
read as words, and a declined card attempt is marked as declined, not counted as a payment."""
import re
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import DECLINED_CARD, GOOD_CARD
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import PASSWORD, make_saleor_user, post_action, signed_in_client


def timeline(html: str) -> list[str]:
    block = re.search(r'<ol class="timeline" id="timeline">(.*?)</ol>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def payments(html: str) -> list[str]:
    block = re.search(r'<ul id="payments">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)]


def test_the_timeline_names_each_event_and_the_staff_member_who_did_it(admin: httpx.Client, place_order):
    order = place_order()

    post_action(admin, order["id"], "notes", {"message": "Gift wrap, please."})
    shipped = post_action(admin, order["id"], "fulfil", {"tracking_number": "TL-1"})

    events = timeline(shipped.text)
    assert any(re.search(r"— Order placed$", event) for event in events), events
    assert any(re.search(r"— Payment captured \(\$44\.00\)$", event) for event in events), events
    assert any(event.endswith("— Note added by Shop Admin: Gift wrap, please.") for event in events), events
    assert any(re.search(r"— Items shipped by Shop Admin", event) for event in events), events
    assert any(event.endswith("— Tracking number changed by Shop Admin") for event in events), events
    assert all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d — \w", event) for event in events), events


def test_staff_who_may_not_see_staff_accounts_still_see_the_timeline_without_names(shop: Stack, place_order):
    email = f"packer-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=True, permissions=("manage_orders",))
    order = place_order()
    packer, answer = signed_in_client(shop, email, PASSWORD)
    assert answer.status_code == 302

    page = packer.get(f"/staff/orders/{order['id']}/")

    assert page.status_code == 200
    assert any(event.endswith("— Order placed") for event in timeline(page.text))
    packer.close()


def test_payments_read_in_words_and_a_declined_attempt_is_marked_declined(
    admin: httpx.Client, new_buyer, staff_api: SaleorStaffAPI
):
    buyer = new_buyer(f"declined-then-paid-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    assert "Your card was declined." in buyer.pay(card=DECLINED_CARD).text
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    order = staff_api.wait_for_orders(buyer.email)[0]

    page = admin.get(f"/staff/orders/{order['id']}/")

    listed = payments(page.text)
    assert len(listed) == 2, listed
    declined = [p for p in listed if "Declined" in p]
    captured = [p for p in listed if "Charged" in p]
    assert len(declined) == 1 and "$44.00 not charged" in declined[0] and "pi_" not in declined[0]
    assert len(captured) == 1 and re.search(r"captured \$44\.00 of \$44\.00 — Stripe pi_\w+$", captured[0])
    assert "NOT_CHARGED" not in page.text and "tok_" not in page.text
    assert 'class="payment-declined"' in page.text
