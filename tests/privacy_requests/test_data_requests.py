"""A buyer's data on request, from the order page: a copy by a link e-mailed to the order's
address (only this buyer's data, never that of an address that merely looks alike; the link
works 7 days and not at all once changed), and erasure of what may be erased now, recorded,
e-mailed and shown to staff with its deadline."""
from __future__ import annotations

import json
import re
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from html import unescape
from typing import Callable
from xml.etree import ElementTree

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, csrf_token
from tests.mailbox import Mailbox, text_of
from tests.orders.test_order_lookup import visitor
from tests.reviews.conftest import made_key, ship, sql, submit
from tests.saleor_api import SaleorStaffAPI

COPY_SUBJECT = "Your data at QL Claw: the link to your copy"
ERASURE_SUBJECT = "Your data at QL Claw: what we deleted and what we keep"


def mails_to(mailbox: Mailbox, address: str, subject: str, count: int = 1, timeout: float = 15) -> list:
    """Messages to exactly `address` with `subject`, once `count` came or `timeout` passed (the
    mailbox's own `to` matches parts of addresses: xada@ for ada@)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mailbox.messages if m["To"].strip().lower() == address.lower() and m["Subject"] == subject]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def buy(new_buyer: Callable, staff_api: SaleorStaffAPI, email: str) -> dict:
    buyer = new_buyer(email)
    buyer.ready_to_pay(1)
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    return staff_api.wait_for_orders(email)[0]


def ask(client: httpx.Client, token: str, data: dict) -> httpx.Response:
    page = client.get(f"/your-data/{token}/")
    assert page.status_code == 200, page.text[:500]
    return client.post(f"/your-data/{token}/", data={"csrfmiddlewaretoken": csrf_token(page.text), **data})


def copy_link(mailbox: Mailbox, address: str) -> str:
    [message] = mails_to(mailbox, address, COPY_SUBJECT)
    return re.search(r"http://\S+/data-copy/\S+/", text_of(message)).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def export_key(shop: Stack, request_id: int, *, days_ago: float) -> str:
    """A link key signed by the shop itself, `days_ago` old: the test's clock jump."""
    signed_at = (datetime.now(timezone.utc) - timedelta(days=days_ago)).timestamp()
    result = shop.storefront_manage(
        "shell", "-c", f"from privacy_requests.tokens import export_key; print(export_key({request_id}, signed_at={signed_at}))"
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_copy_holds_this_buyers_orders_and_nothing_of_alike_addresses(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    name = f"ada{uuid.uuid4().hex[:6]}"
    ada, ada_au, xada = f"{name}@example.com", f"{name}@example.com.au", f"x{name}@example.com"
    mine = buy(new_buyer, staff_api, ada)
    others = [buy(new_buyer, staff_api, address) for address in (ada_au, xada)]

    with visitor(shop) as client:
        order_page = client.get(f"/orders/{mine['token']}/")
        asked = ask(client, mine["token"], {"action": "copy"})
        download = client.get(path_of(copy_link(mailbox, ada)))

    assert f'href="/your-data/{mine["token"]}/"' in order_page.text
    assert asked.status_code == 200 and "Check your inbox" in asked.text
    assert download.status_code == 200 and download.headers["content-type"] == "application/json"
    assert download.headers["content-disposition"].startswith('attachment; filename="qlclaw-data-')
    data = json.loads(download.text)
    assert data["email"] == ada
    assert [order["number"] for order in data["orders"]] == [mine["number"]]
    assert data["orders"][0]["items"][0]["quantity"] == 1 and data["addresses"]
    assert {"email": "confirmation", "sent_at": data["emails_sent"][0]["sent_at"]} in data["emails_sent"]
    assert [request["kind"] for request in data["data_requests"]] == ["export"]
    # The checkout noted the address for a cart reminder; the copy says so, and that it was never sent (paid).
    [reminder] = data["cart_reminders"]
    assert reminder["status"] in ("waiting", "skipped") and reminder["sent_at"] is None
    # Nothing of the look-alike addresses, nor of their orders.
    for other in (ada_au, xada):
        assert other not in download.text
    for order in others:
        assert f'"number": "{order["number"]}"' not in download.text


def test_the_link_works_seven_days_and_a_changed_link_is_not_found(
    shop: Stack, place_order, mailbox: Mailbox
):
    order = place_order()
    with visitor(shop) as client:
        ask(client, order["token"], {"action": "copy"})
        link = path_of(copy_link(mailbox, order["userEmail"]))
        [(request_id,)] = sql(shop, "SELECT id FROM privacy_requests_datarequest WHERE email = %s", order["userEmail"])
        answers = {
            "as sent": client.get(link),
            "6 days old": client.get(f"/data-copy/{export_key(shop, request_id, days_ago=6.9)}/"),
            "8 days old": client.get(f"/data-copy/{export_key(shop, request_id, days_ago=8)}/"),
            "changed": client.get(link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]),
            "another request": client.get(link.replace(f"/data-copy/{request_id}:", f"/data-copy/{request_id + 1}:")),
            "garbage": client.get("/data-copy/%3Cscript%3E/"),
        }

    statuses = {name: answer.status_code for name, answer in answers.items()}
    assert statuses == {"as sent": 200, "6 days old": 200, "8 days old": 404, "changed": 404, "another request": 404,
                        "garbage": 404}
    for name in ("8 days old", "changed", "another request", "garbage"):
        page = unescape(answers[name].text)
        assert "This link does not work" in page and "works for 7 days" in page, name
        assert order["userEmail"] not in page


def test_deleting_erases_the_newsletter_row_and_review_names_records_it_and_staff_see_it(
    shop: Stack, place_order, admin: httpx.Client, mailbox: Mailbox
):
    order = place_order()
    email = order["userEmail"]
    ship(admin, order)
    with visitor(shop) as client:
        about = client.get("/your-data/")
        client.post("/newsletter/subscribe/", data={"csrfmiddlewaretoken": csrf_token(about.text), "email": email},
                    headers={"Origin": str(client.base_url).rstrip("/")})
        written = submit(client, f"/reviews/{order['token']}/{made_key(shop, order['token'])}/",
                         {"rating": "5", "title": "Reaches the spot", "text": "Easy to hold."})
        assert written.status_code == 200, written.text[:500]
        [(shown_before,)] = sql(shop, "SELECT shown_name FROM reviews_review WHERE order_token = %s", order["token"])
        assert sql(shop, "SELECT status FROM newsletter_subscriber WHERE email = %s", email) == [("pending",)]
        # A cart reminder waiting for this address (as the details step notes one).
        shop.storefront_manage("shell", "--no-imports", "-c", (
            "import uuid; from reminders.services import note_checkout_email; "
            f"note_checkout_email(checkout_token=str(uuid.uuid4()), email={email!r})"))
        waiting = "SELECT count(*) FROM reminders_cartreminder WHERE email = %s AND status IN ('waiting', 'queued')"
        assert sql(shop, waiting, email)[0][0] >= 1

        unconfirmed = ask(client, order["token"], {"action": "erase"})
        erased = ask(client, order["token"], {"action": "erase", "confirm": "on"})

    assert unconfirmed.status_code == 400 and "Please tick the box" in unconfirmed.text
    assert erased.status_code == 200 and "Your data is deleted" in erased.text
    assert shown_before != "A buyer"
    assert sql(shop, "SELECT 1 FROM newsletter_subscriber WHERE email = %s", email) == []
    assert sql(shop, "SELECT shown_name FROM reviews_review WHERE order_token = %s", order["token"]) == [("A buyer",)]
    [(kind, received, deadline, kept_until, done)] = sql(
        shop, "SELECT kind, received_at, deadline, kept_until, done FROM privacy_requests_datarequest WHERE email = %s",
        email,
    )
    kept_year = datetime.now(timezone.utc).year + 7  # the order was placed a moment ago
    assert kind == "erasure" and deadline - received == timedelta(days=30) and kept_until == date(kept_year, 12, 31)
    assert "Your newsletter record was deleted." in done
    # Nothing it may refuse is sent to the address again: the reminder is gone, and the erasure's
    # record keeps the address off review requests and reminders though its newsletter row is gone.
    assert sql(shop, waiting, email) == [(0,)]
    assert shop.storefront_manage("shell", "--no-imports", "-c", (
        f"from newsletter.selectors import has_unsubscribed; print(has_unsubscribed({email.upper()!r}))")).stdout.strip() == "True"

    [message] = mails_to(mailbox, email, ERASURE_SUBJECT)
    body = text_of(message)
    assert "Your newsletter record was deleted." in body and f"kept until 31 December {kept_year}" in body

    staff_page = admin.get("/staff/data-requests/")
    assert staff_page.status_code == 200
    row = re.search(r'<tr id="data-request-\d+">.*?</tr>', staff_page.text, re.S).group(0)
    assert email in row and "Erasure" in row and f"#{order['number']}" in row and f"{kept_year}-12-31" in row
    assert (received + timedelta(days=30)).strftime("%Y-%m") in row
    dashboard = admin.get("/staff/")
    assert re.search(r'id="data-requests-count" href="/staff/data-requests/">[1-9]\d* in 30 days', dashboard.text)


def test_requests_are_rate_limited_and_garbage_is_refused_in_plain_words(shop: Stack, place_order, mailbox: Mailbox):
    order = place_order()
    with visitor(shop) as client:
        answers = [ask(client, order["token"], {"action": "sell-it"}) for _ in range(4)]
        unknown = client.post(f"/your-data/{uuid.uuid4()}/", data={"action": "copy"})

    assert [answer.status_code for answer in answers] == [400, 400, 400, 429]
    assert "Please choose a copy of your data or its deletion." in answers[0].text
    assert "Too many requests from here" in answers[3].text
    assert unknown.status_code in (403, 404)
    assert mails_to(mailbox, order["userEmail"], COPY_SUBJECT, timeout=3) == []


def test_only_staff_see_the_requests(shop: Stack):
    with visitor(shop) as client:
        answer = client.get("/staff/data-requests/")

    assert answer.status_code == 302 and "/staff/sign-in/" in answer.headers["location"]


def test_the_your_data_page_is_in_the_footer_sitemap_and_privacy_page_and_token_pages_are_not_indexed(
    shop: Stack, place_order
):
    order = place_order()
    with visitor(shop) as client:
        home, privacy = client.get("/"), client.get("/privacy/")
        about = client.get("/your-data/")
        sitemap = client.get("/sitemap.xml")
        token_page = client.get(f"/your-data/{order['token']}/")
        robots = client.get("/robots.txt").text

    footer = re.search(r"<footer.*?</footer>", home.text, re.S).group(0)
    assert 'href="/your-data/"' in footer and 'href="/your-data/"' in privacy.text
    assert about.status_code == 200 and 'action="/orders/find/"' in about.text
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {node.text for node in ElementTree.fromstring(sitemap.content).findall("s:url/s:loc", namespace)}
    assert f"{shop.storefront_url}/your-data/" in locations
    assert not any("/your-data/" in location and location.count("/") > 4 for location in locations)
    assert not any("/data-copy/" in location for location in locations)
    assert token_page.headers["x-robots-tag"] == "noindex" and token_page.headers["referrer-policy"] == "same-origin"
    assert "Disallow: /data-copy/" in robots
