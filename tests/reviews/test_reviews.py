"""Verified-buyer reviews through the real stack: the request e-mail some days after shipping
(once per order), the signed link and its form, staff approval, and the product page with its
JSON-LD. The first test runs on the session's empty database: no review exists before it."""
from __future__ import annotations

import re
import time
import uuid
from datetime import datetime, timedelta, timezone
from html import unescape

import httpx

from deploy.runner.stack import Stack
from tests.mailbox import Mailbox

from .conftest import (
    GUIDE_PAGE,
    PRODUCT_PAGE,
    made_key,
    make_request_due,
    path_of,
    product_jsonld,
    request_jobs,
    request_status,
    review_link,
    review_requests_to,
    reviews_of,
    ship,
    sql,
    staff_post,
    submit,
    wait_for_purge,
)

DAYS_AFTER_SHIPPING = 14  # REVIEW_REQUEST_DAYS_AFTER_SHIPPING's default, which the test stack keeps


def test_shipped_order_gets_one_request_and_its_review_shows_only_once_approved(
    shop: Stack, admin: httpx.Client, place_order, visitor: httpx.Client, mailbox: Mailbox
):
    before = visitor.get(PRODUCT_PAGE)
    assert before.status_code == 200
    assert 'class="rating-line card-rating"' not in visitor.get(GUIDE_PAGE).text
    assert 'id="no-reviews">No reviews yet.' in before.text and "★" not in before.text
    assert "aggregateRating" not in product_jsonld(before.text) and "review" not in product_jsonld(before.text)

    order = place_order(quantity=2)
    shipped_at = datetime.now(timezone.utc)
    ship(admin, order, {"line_0": "1"})
    ship(admin, order, {"line_0": "1"})  # a second parcel of the same order asks nothing more

    jobs = request_jobs(shop, order["token"])
    assert len(jobs) == 1 and jobs[0][1] == "todo"
    assert abs(jobs[0][2] - (shipped_at + timedelta(days=DAYS_AFTER_SHIPPING))) < timedelta(minutes=5)
    assert review_requests_to(mailbox, order["userEmail"]) == []

    make_request_due(shop, order["token"])
    assert request_status(shop, order["token"], until="sent") == "sent"
    time.sleep(3)  # a duplicate would arrive by now
    requests = review_requests_to(mailbox, order["userEmail"])
    assert len(requests) == 1 and requests[0]["List-Unsubscribe"]

    link = path_of(review_link(requests[0]))
    form = visitor.get(link)
    assert form.status_code == 200 and "Review your QL Claw" in form.text
    assert 'type="radio" name="rating" value="5"' in form.text and "Verified buyer" in form.text
    title = f"Reaches the spot {uuid.uuid4().hex[:6]}"
    saved = submit(visitor, link, {"rating": "4", "title": title, "text": "Firm hook, easy to hold.\nWorth it."})
    assert saved.status_code == 200 and "Your review is saved." in saved.text
    [(review_id, rating, _, _, status, shown_name)] = reviews_of(shop, order["token"])
    assert (rating, status) == (4, "new") and re.fullmatch(r"\w+ [A-Z]\.", shown_name)

    waiting = visitor.get(PRODUCT_PAGE)
    assert title not in waiting.text and "No reviews yet." in waiting.text
    assert "aggregateRating" not in product_jsonld(waiting.text)
    moderation = admin.get("/staff/reviews/")
    assert moderation.status_code == 200 and title in moderation.text

    approved = staff_post(admin, f"/staff/reviews/{review_id}/approve/")
    assert "Approved: the review shows on the product page." in approved.text
    wait_for_purge()

    page = visitor.get(PRODUCT_PAGE)
    assert title in page.text and shown_name in page.text and "Verified buyer" in page.text
    average = re.search(r'id="rating-average">([\d.]+)<', page.text).group(1)
    count = int(re.search(r'id="rating-count">(\d+)<', page.text).group(1))
    assert (average, count) == ("4.0", 1)
    assert "4.0 out of 5" in page.text and "1 review" in page.text
    # The product card on a guide page says the same, linked to the reviews.
    card = visitor.get(GUIDE_PAGE).text
    assert re.search(r'<a href="/products/ql-claw/#reviews">.*?<span class="card-rating-average">4\.0</span> out of 5 · '
                     r'<span class="card-rating-count">1</span> review</a>', card)
    data = product_jsonld(page.text)
    assert data["aggregateRating"]["ratingValue"] == average and data["aggregateRating"]["reviewCount"] == count
    assert [(r["name"], r["reviewRating"]["ratingValue"], r["author"]["name"]) for r in data["review"]] == [
        (title, 4, shown_name)
    ]

    reply = staff_post(admin, f"/staff/reviews/{review_id}/reply/", {"reply": "Thank you for writing."})
    assert "Reply saved." in reply.text
    hidden = staff_post(admin, f"/staff/reviews/{review_id}/hide/")
    assert "Hidden" in hidden.text
    wait_for_purge()
    after = visitor.get(PRODUCT_PAGE)
    assert title not in after.text and "No reviews yet." in after.text and "aggregateRating" not in product_jsonld(after.text)
    assert 'class="rating-line card-rating"' not in visitor.get(GUIDE_PAGE).text


def test_tampered_expired_and_other_orders_links_are_refused(
    shop: Stack, admin: httpx.Client, place_order, visitor: httpx.Client
):
    order, other = place_order(), place_order()
    ship(admin, order)
    ship(admin, other)
    key, other_key = made_key(shop, order["token"]), made_key(shop, other["token"])
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")

    assert visitor.get(f"/reviews/{order['token']}/{key}/").status_code == 200
    assert visitor.get(f"/reviews/{order['token']}/{made_key(shop, order['token'], days_ago=29)}/").status_code == 200
    refused = {
        "tampered": visitor.get(f"/reviews/{order['token']}/{tampered}/"),
        "expired": visitor.get(f"/reviews/{order['token']}/{made_key(shop, order['token'], days_ago=31)}/"),
        "other order's key": visitor.get(f"/reviews/{order['token']}/{other_key}/"),
        "key on the other order": visitor.get(f"/reviews/{other['token']}/{key}/"),
        "no such order": visitor.get(f"/reviews/{uuid.uuid4()}/{key}/"),
        "not a token": visitor.get(f"/reviews/not-a-token/{key}/"),
    }
    for name, answer in refused.items():
        assert answer.status_code == 400 and "This review link is not valid" in answer.text, name
    posted = visitor.post(f"/reviews/{order['token']}/{tampered}/", data={"rating": "5", "title": "Nice", "text": "Lovely tool."})
    assert posted.status_code in (400, 403)
    assert reviews_of(shop, order["token"]) == [] and reviews_of(shop, other["token"]) == []


def test_bad_input_gets_plain_errors_and_stores_nothing_and_a_second_review_edits_the_first(
    shop: Stack, admin: httpx.Client, place_order, visitor: httpx.Client
):
    order = place_order()
    ship(admin, order)
    link = f"/reviews/{order['token']}/{made_key(shop, order['token'])}/"
    good = {"rating": "5", "title": "Good hook", "text": "It reaches my back easily."}
    cases = {
        "script": ({**good, "text": "<script>alert(1)</script> great"}, "Please write plain text"),
        "html title": ({**good, "title": "<b>Best</b>"}, "Please write plain text"),
        "100 KB": ({**good, "text": "x" * 100_000}, "Please keep your review under 2000 characters (it has 100000)."),
        "0 stars": ({**good, "rating": "0"}, "Please choose from 1 to 5 stars."),
        "6 stars": ({**good, "rating": "6"}, "Please choose from 1 to 5 stars."),
        "empty": ({}, "Please choose from 1 to 5 stars."),
    }
    for name, (data, words) in cases.items():
        answer = submit(visitor, link, data)
        assert answer.status_code == 400 and words in unescape(answer.text), name
        assert "Traceback" not in answer.text
    empty = submit(visitor, link, {})
    assert "Please give your review a title." in empty.text and "Please write your review." in empty.text
    assert reviews_of(shop, order["token"]) == []

    first = submit(visitor, link, good)
    [(review_id, *_)] = reviews_of(shop, order["token"])
    approved = staff_post(admin, f"/staff/reviews/{review_id}/approve/")
    assert "Approved" in approved.text
    form = visitor.get(link)
    assert "Edit your review" in form.text and 'value="Good hook"' in form.text
    second = submit(visitor, link, {**good, "rating": "3", "title": "Changed my mind"})

    assert first.status_code == second.status_code == 200 and "Your changes are saved." in second.text
    # Still one review for the order: edited, and read by staff again before it shows.
    assert [(row[0], row[1], row[2], row[4]) for row in reviews_of(shop, order["token"])] == [
        (review_id, 3, "Changed my mind", "new")
    ]


def test_no_request_goes_to_an_address_that_unsubscribed(
    shop: Stack, admin: httpx.Client, place_order, visitor: httpx.Client, mailbox: Mailbox
):
    order = place_order()
    token = shop.storefront_manage(
        "shell", "-c", f"from newsletter.tokens import unsubscribe_token; print(unsubscribe_token({order['userEmail'].lower()!r}))"
    ).stdout.strip().splitlines()[-1]
    assert visitor.post(f"/newsletter/unsubscribe/{token}/").status_code == 200  # one click, never subscribed
    ship(admin, order)

    make_request_due(shop, order["token"])

    assert request_status(shop, order["token"], until="skipped") == "skipped"
    assert sql(shop, "SELECT reason FROM reviews_reviewrequest WHERE order_token = %s", order["token"]) == [
        ("the address unsubscribed",)
    ]
    assert review_requests_to(mailbox, order["userEmail"]) == []


def test_the_page_of_reviews_must_be_a_page_that_exists(visitor: httpx.Client):
    assert visitor.get(PRODUCT_PAGE, params={"page": "1"}).status_code == 200
    garbage = visitor.get(PRODUCT_PAGE, params={"page": "abc"})
    assert garbage.status_code == 400 and garbage.text == "The page of reviews must be a number, like ?page=2."
    for page in ("999", "0", "-1", "1.5"):
        assert 400 <= visitor.get(PRODUCT_PAGE, params={"page": page}).status_code < 500, page


def test_moderation_is_for_signed_in_staff_only(visitor: httpx.Client):
    listed = visitor.get("/staff/reviews/")
    assert listed.status_code == 302 and listed.headers["location"].startswith("/staff/sign-in/")
    for action in ("approve", "hide", "reply"):
        answer = visitor.post(f"/staff/reviews/1/{action}/", data={"reply": "anonymous"})
        assert answer.status_code in (302, 403) and "/staff/reviews/" not in answer.headers.get("location", ""), action


def test_the_dashboard_tile_counts_the_reviews_waiting_for_staff(shop: Stack):
    tile = shop.storefront_manage(
        "shell", "-c", "from django.template import Template, Context; "
        "print(Template('{% load reviews %}{% review_tile %}').render(Context()))"
    ).stdout
    [(waiting,)] = sql(shop, "SELECT count(*) FROM reviews_review WHERE status = 'new'")

    assert f'<a id="new-reviews-count" href="/staff/reviews/">{waiting} new</a>' in tile
