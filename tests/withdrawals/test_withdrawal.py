"""The withdrawal function (Art. 11a of the Consumer Rights Directive): from the order page with
nothing to type, or by order number + e-mail with the same answer whether or not they match; an
acknowledgement e-mail at once, the withdrawal recorded once, shown to staff with its refund
deadline, and a return on a withdrawn order refunds the delivery too."""
import re
import uuid
from datetime import date, timedelta
from html import unescape

import httpx
import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of
from tests.orders.test_order_lookup import visitor
from tests.staff.conftest import flash, post_action, return_items

ACK_SUBJECT = "We received your withdrawal"


def acknowledgements(mailbox: Mailbox, address: str) -> list:
    return [message for message in mailbox.to(address) if message["Subject"].startswith(ACK_SUBJECT)]


def withdraw_on_order_page(client: httpx.Client, token: str) -> httpx.Response:
    page = client.get(f"/withdraw/{token}/")
    assert page.status_code == 200, page.text
    return client.post(f"/withdraw/{token}/", data={"csrfmiddlewaretoken": csrf_token(page.text)}, follow_redirects=True)


def withdraw_by_form(client: httpx.Client, number: str, email: str, name: str = "Ada Buyer") -> httpx.Response:
    page = client.get("/withdraw/")
    return client.post("/withdraw/", data={"csrfmiddlewaretoken": csrf_token(page.text), "name": name,
                                           "number": number, "email": email})


def main_text(response: httpx.Response) -> str:
    main = re.search(r"<main.*?</main>", response.text, re.S).group(0)
    return re.sub(r"\S+@example\.com", "ADDRESS", unescape(main))


def test_withdrawing_from_the_order_page_acknowledges_once_and_staff_see_the_deadline(
    shop: Stack, place_order, admin: httpx.Client, mailbox: Mailbox
):
    order = place_order()
    mailbox.exactly(order["userEmail"], 1)  # the confirmation
    with visitor(shop) as client:
        order_page = client.get(f"/orders/{order['token']}/")
        confirm_page = client.get(f"/withdraw/{order['token']}/")
        done = withdraw_on_order_page(client, order["token"])
        again = client.post(f"/withdraw/{order['token']}/", data={"csrfmiddlewaretoken": csrf_token(confirm_page.text)},
                            follow_redirects=True)
        order_page_after = client.get(f"/orders/{order['token']}/")

    assert f'href="/withdraw/{order["token"]}/"' in order_page.text and "Withdraw from this order" in order_page.text
    form = re.search(r'<form method="post" action="/withdraw/[^"]+".*?</form>', confirm_page.text, re.S).group(0)
    assert 'id="confirm-withdrawal"' in form and re.findall(r'<input(?![^>]*type="hidden")', form) == []  # nothing to type
    assert done.status_code == 200 and "We have your withdrawal" in done.text
    received = re.search(r"on <strong>([^<]+ UTC)</strong>", done.text).group(1)
    assert again.status_code == 200 and received in again.text  # the first withdrawal, unchanged
    assert 'id="withdrawal-received"' in order_page_after.text and 'id="withdraw-link"' not in order_page_after.text

    messages = mailbox.exactly(order["userEmail"], 2)
    ack = [message for message in messages if message["Subject"].startswith(ACK_SUBJECT)]
    assert len(ack) == 1
    body = text_of(ack[0])
    assert f"order {order['number']}" in body and "Received: " in body and " UTC" in body
    assert "within 14 days" in body and "including the delivery cost you paid" in body

    staff_page = admin.get(f"/staff/orders/{order['id']}/").text
    assert 'id="staff-withdrawal"' in staff_page and "The buyer withdrew" in staff_page
    assert re.search(r"Refund due by \d{4}-\d{2}-\d{2}", staff_page)
    dashboard = admin.get("/staff/").text
    assert re.search(rf'>#{order["number"]}</a> — refund by \d{{4}}-\d{{2}}-\d{{2}}', dashboard)


def test_the_confirmation_email_links_the_withdrawal_button(place_order, mailbox: Mailbox, shop: Stack):
    order = place_order()

    confirmation = mailbox.exactly(order["userEmail"], 1)[0]

    assert f"{shop.storefront_url}/withdraw/{order['token']}/" in text_of(confirmation)


def test_by_number_and_email_a_wrong_pair_gets_the_same_page_and_no_email(shop: Stack, place_order, mailbox: Mailbox):
    order = place_order()
    mailbox.exactly(order["userEmail"], 1)
    stranger = f"stranger-{uuid.uuid4().hex[:6]}@example.com"
    with visitor(shop) as client:
        wrong_email = withdraw_by_form(client, order["number"], stranger)
        wrong_number = withdraw_by_form(client, str(int(order["number"]) + 100000), order["userEmail"])
        right = withdraw_by_form(client, order["number"], order["userEmail"].upper())

    assert {r.status_code for r in (wrong_email, wrong_number, right)} == {200}
    assert main_text(wrong_email) == main_text(wrong_number) == main_text(right)
    assert mailbox.to(stranger) == []
    messages = mailbox.exactly(order["userEmail"], 2)
    ack = [message for message in messages if message["Subject"].startswith(ACK_SUBJECT)]
    assert len(ack) == 1 and "Name: Ada Buyer" in text_of(ack[0])


def test_the_withdrawal_form_is_rate_limited_per_address(shop: Stack):
    address = f"limit-{uuid.uuid4().hex[:6]}@example.com"
    with visitor(shop) as client:
        statuses = [withdraw_by_form(client, "999999", address).status_code for _ in range(7)]
        too_many = withdraw_by_form(client, "999999", address)

    assert statuses[0] == 200 and 429 in statuses
    assert too_many.status_code == 429 and "Too many requests" in too_many.text


def test_the_withdrawal_form_is_rate_limited_per_visitor(shop: Stack):
    with visitor(shop) as client:
        statuses = [withdraw_by_form(client, "999999", f"sweep-{n}-{uuid.uuid4().hex[:4]}@example.com").status_code
                    for n in range(21)]

    assert statuses[0] == 200 and statuses.count(429) >= 1


def test_returning_a_withdrawn_order_refunds_the_delivery_too(shop: Stack, place_order, admin: httpx.Client, mailbox: Mailbox):
    order = place_order(quantity=2)
    post_action(admin, order["id"], "fulfil", {"tracking_number": "WD-1"})
    with visitor(shop) as client:
        withdraw_on_order_page(client, order["token"])

    # The admin does not tick "refund shipping": the withdrawal refunds it anyway.
    breakdown, returned = return_items(admin, order["id"], {"return_0": "2", "reason": "Withdrawal"})

    assert breakdown.status_code == 200, breakdown.text
    assert flash(returned.text) == "Refunded 83.00 for the returned items. The customer was e-mailed."  # 2 × 39 + 5 shipping


def test_an_unknown_order_token_is_not_found(shop: Stack):
    with visitor(shop) as client:
        assert client.get(f"/withdraw/{uuid.uuid4()}/").status_code == 404


def test_staff_record_a_withdrawal_sent_by_email_once_and_the_buyer_is_acknowledged(
    place_order, admin: httpx.Client, mailbox: Mailbox, shop: Stack
):
    order = place_order()
    mailbox.exactly(order["userEmail"], 1)
    page = admin.get(f"/staff/orders/{order['id']}/")
    assert 'id="record-withdrawal"' in page.text

    first = admin.post(f"/withdraw/{order['token']}/record/", data={"csrfmiddlewaretoken": csrf_token(page.text)},
                       follow_redirects=True)
    second = admin.post(f"/withdraw/{order['token']}/record/", data={"csrfmiddlewaretoken": csrf_token(page.text)},
                        follow_redirects=True)

    assert flash(first.text) == "Withdrawal recorded; the buyer was e-mailed the acknowledgement."
    assert flash(second.text) == "This withdrawal was already recorded."
    assert f"recorded by staff by {shop.staff_email}" in second.text and 'id="record-withdrawal"' not in second.text
    ack = [m for m in mailbox.exactly(order["userEmail"], 2) if m["Subject"].startswith(ACK_SUBJECT)]
    assert len(ack) == 1


def test_only_staff_can_record_a_withdrawal_for_a_buyer(shop: Stack, place_order, mailbox: Mailbox):
    order = place_order()
    with visitor(shop) as client:
        page = client.get("/withdraw/")
        answer = client.post(f"/withdraw/{order['token']}/record/", data={"csrfmiddlewaretoken": csrf_token(page.text)})

    assert answer.status_code == 302 and "/staff/sign-in/" in answer.headers["location"]
    mailbox.exactly(order["userEmail"], 1)  # the confirmation only


def place_order_days_ago(shop: Stack, place_order, days: int) -> dict:
    """A paid order as if placed `days` ago: the test's clock jump, in Saleor's own table."""
    order = place_order()
    with psycopg.connect(shop.database_url("saleor"), autocommit=True) as db:
        moved = db.execute("UPDATE order_order SET created = created - make_interval(days => %s) WHERE token = %s",
                           (days, order["token"])).rowcount
    assert moved == 1
    return order


def record_by_staff(admin: httpx.Client, order: dict, received_on: str) -> httpx.Response:
    page = admin.get(f"/staff/orders/{order['id']}/")
    return admin.post(f"/withdraw/{order['token']}/record/", follow_redirects=True,
                      data={"csrfmiddlewaretoken": csrf_token(page.text), "received_on": received_on})


def test_staff_back_date_a_withdrawal_received_by_post_and_the_deadline_runs_from_that_day(
    place_order, admin: httpx.Client, mailbox: Mailbox, shop: Stack
):
    order = place_order_days_ago(shop, place_order, 6)
    mailbox.exactly(order["userEmail"], 1)
    form = admin.get(f"/staff/orders/{order['id']}/").text
    assert 'type="date" name="received_on"' in form
    # Three days ago in the shop's time zone (UTC±12 cannot move it by more than one day).
    received = date.today() - timedelta(days=3)

    recorded = record_by_staff(admin, order, received.isoformat())

    assert flash(recorded.text) == "Withdrawal recorded; the buyer was e-mailed the acknowledgement."
    assert f"Received {received:%Y-%m-%d} 00:00" in recorded.text
    assert f"Refund due by {received + timedelta(days=14):%Y-%m-%d}" in recorded.text
    [ack] = acknowledgements(mailbox, order["userEmail"])
    assert f"Received: {received.day} {received:%B %Y} (by e-mail, letter or phone)" in text_of(ack)


def test_a_withdrawal_cannot_be_dated_in_the_future_before_the_order_or_in_garbage(
    place_order, admin: httpx.Client, mailbox: Mailbox, shop: Stack
):
    order = place_order_days_ago(shop, place_order, 2)
    mailbox.exactly(order["userEmail"], 1)

    answers = {
        "future": record_by_staff(admin, order, (date.today() + timedelta(days=2)).isoformat()),
        "before the order": record_by_staff(admin, order, (date.today() - timedelta(days=5)).isoformat()),
        "garbage": record_by_staff(admin, order, "last tuesday"),
    }

    assert {name: answer.status_code for name, answer in answers.items()} == {
        "future": 400, "before the order": 400, "garbage": 400}
    assert "cannot be in the future" in answers["future"].text
    assert "cannot be before the order was placed" in answers["before the order"].text
    assert "Please give the date it was received as YYYY-MM-DD" in answers["garbage"].text
    assert 'id="record-withdrawal"' in admin.get(f"/staff/orders/{order['id']}/").text  # nothing recorded
    mailbox.exactly(order["userEmail"], 1)  # the confirmation only
