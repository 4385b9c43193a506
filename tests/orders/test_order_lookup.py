"""A buyer who lost the confirmation e-mail gets the order link again: order number + the
e-mail used -> one e-mail with the link, to that address only. Wrong pairs get the same page and
no e-mail; the form is rate limited per visitor and per address."""
import random
import re
import uuid
from html import unescape

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, csrf_token
from tests.checkout.test_request_costs import calls, queries
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI


def visitor(shop: Stack) -> httpx.Client:
    """A browser from its own loopback address (127.x.y.z), so per-visitor limits start at zero
    for each test, whatever other tests (all from 127.0.0.1) asked before."""
    address = f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    return httpx.Client(base_url=base, timeout=30, transport=httpx.HTTPTransport(local_address=address))


def ask(client: httpx.Client, number: str, email: str) -> httpx.Response:
    page = client.get("/orders/find/")
    return client.post("/orders/find/", data={"csrfmiddlewaretoken": csrf_token(page.text), "number": number, "email": email})


def answer_text(response: httpx.Response) -> str:
    """What the visitor reads, with the address they typed taken out."""
    main = re.search(r"<main.*?</main>", response.text, re.S).group(0)
    return re.sub(r"\S+@example\.com", "ADDRESS", unescape(main))


@pytest.fixture
def order(new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stock) -> dict:
    stock(100)  # the test database outlives a run; earlier runs may have sold the stock
    buyer = new_buyer(f"lookup-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    mailbox.exactly(buyer.email, 1)  # the confirmation
    return staff_api.wait_for_orders(buyer.email)[0]


def test_the_right_number_and_email_send_one_email_with_the_order_link(shop: Stack, order: dict, mailbox: Mailbox):
    with visitor(shop) as client:
        answer = ask(client, order["number"], order["userEmail"].upper())

    assert answer.status_code == 200
    assert "Check your inbox" in answer.text
    assert f"/orders/{order['token']}/" not in answer.text
    messages = mailbox.exactly(order["userEmail"], 2)
    lookup = [message for message in messages if "The link to your QL Claw order" in message["Subject"]]
    assert len(lookup) == 1
    assert f"{shop.storefront_url}/orders/{order['token']}/" in text_of(lookup[0])


def test_wrong_pairs_get_the_same_page_and_no_email(shop: Stack, order: dict, mailbox: Mailbox):
    stranger = f"stranger-{uuid.uuid4().hex[:6]}@example.com"
    with visitor(shop) as client:
        right = ask(client, order["number"], order["userEmail"])
        wrong_email = ask(client, order["number"], stranger)
        wrong_number = ask(client, str(int(order["number"]) + 100000), order["userEmail"])
        unknown_both = ask(client, "999999", stranger)

    assert {r.status_code for r in (right, wrong_email, wrong_number, unknown_both)} == {200}
    assert answer_text(wrong_email) == answer_text(right) == answer_text(wrong_number) == answer_text(unknown_both)
    mailbox.exactly(order["userEmail"], 2)  # the confirmation, and the one right answer
    assert mailbox.to(stranger) == []


def test_malformed_input_gets_a_plain_400(shop: Stack):
    with visitor(shop) as client:
        letters = ask(client, "abc", "buyer@example.com")
        no_email = ask(client, "1", "")

    assert letters.status_code == no_email.status_code == 400
    assert "An order number has digits only" in letters.text
    assert "Please enter your e-mail address." in no_email.text


def test_lookups_for_one_address_are_rate_limited(shop: Stack, order: dict, mailbox: Mailbox):
    # 3 an hour per address; counted in fixed windows, so 7 asks in a row cross at most one
    # window edge and still meet the limit.
    with visitor(shop) as client:
        answers = [ask(client, order["number"], order["userEmail"]) for _ in range(7)]

    statuses = [answer.status_code for answer in answers]
    assert statuses[0] == 200 and 429 in statuses
    assert "Too many requests from here" in next(a.text for a in answers if a.status_code == 429)
    sent = statuses.count(200)
    mailbox.exactly(order["userEmail"], 1 + sent)


def test_lookups_from_one_visitor_are_rate_limited(shop: Stack):
    # 10 an hour per visitor, whatever the address: 21 asks meet the limit even across a window edge.
    with visitor(shop) as client:
        statuses = [ask(client, "999999", f"sweep-{n}-{uuid.uuid4().hex[:4]}@example.com").status_code for n in range(21)]
        other = visitor(shop)
        fresh = ask(other, "999999", "someone-else@example.com").status_code
        other.close()

    assert statuses[0] == 200 and statuses.count(429) >= 1
    assert fresh == 200


def test_the_lookup_form_is_served_without_database_work_and_its_token_works(shop: Stack, buyer):
    buyer.add_to_cart(1)  # a visitor with a session (a cart) as well as one without
    with visitor(shop) as client:
        for http in (client, buyer.http):
            http.get("/orders/find/")  # the first page of a process may warm its caches
            page = http.get("/orders/find/")

            assert page.status_code == 200
            assert queries(page) == 0 and calls(page) == 0
            # The CSRF secret travels in its own cookie: no session is written for the form.
            assert "sessionid" not in page.headers.get("set-cookie", "")
        answer = client.post("/orders/find/", data={
            "csrfmiddlewaretoken": csrf_token(client.get("/orders/find/").text), "number": "999999",
            "email": f"nobody-{uuid.uuid4().hex[:6]}@example.com"})
        assert answer.status_code == 200 and "Check your inbox" in answer.text
