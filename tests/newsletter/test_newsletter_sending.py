"""Staff write a newsletter issue in Markdown, preview it, send themselves a test, then send
it to every confirmed subscriber (jobs, in batches): each gets exactly one mail with a working
unsubscribe link and List-Unsubscribe headers; unconfirmed and unsubscribed readers get none;
the sent issue is archived on the web."""
import re
import time
import uuid

import httpx
import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of
from tests.staff.conftest import admin, flash  # noqa: F401  (fixture)

BODY = """## Stretch of the month

Lean into the **QL Claw** for 30 seconds, then [read the guide](https://qlclaw.example/guide/psoas/).

<script>alert("no")</script>
"""


def add_subscriber(shop: Stack, email: str, status: str) -> None:
    with psycopg.connect(shop.database_url("storefront")) as db:
        db.execute(
            "INSERT INTO newsletter_subscriber (email, status, confirmation_nonce, created, confirmed_at, unsubscribed_at) "
            "VALUES (%s, %s, 'nonce', now(), CASE WHEN %s = 'pending' THEN NULL ELSE now() END, "
            "CASE WHEN %s = 'unsubscribed' THEN now() ELSE NULL END)", (email, status, status, status),
        )


def status_of(shop: Stack, email: str) -> str:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute("SELECT status FROM newsletter_subscriber WHERE email = %s", (email,)).fetchone()[0]


def test_an_issue_goes_to_confirmed_subscribers_only_each_with_a_working_unsubscribe_link(
    shop: Stack, admin: httpx.Client, mailbox: Mailbox  # noqa: F811
):
    run = uuid.uuid4().hex[:8]
    confirmed = [f"reader-{run}-{n}@example.com" for n in range(3)]
    pending, gone = f"pending-{run}@example.com", f"gone-{run}@example.com"
    for email in confirmed:
        add_subscriber(shop, email, "subscribed")
    add_subscriber(shop, pending, "pending")
    add_subscriber(shop, gone, "unsubscribed")
    slug = f"stretch-{run}"

    page = admin.get("/staff/newsletter/new/")
    saved = admin.post("/staff/newsletter/new/", follow_redirects=True, data={
        "csrfmiddlewaretoken": csrf_token(page.text), "subject": f"Stretch of the month {run}", "slug": slug, "body": BODY})
    assert flash(saved.text).startswith("Draft saved.")
    issue_path = str(saved.url.path)
    preview = re.search(r'<article class="newsletter-preview" id="preview">(.*?)</article>', saved.text, re.S).group(1)
    assert "<h2>Stretch of the month</h2>" in preview and "<strong>QL Claw</strong>" in preview
    assert "<script>" not in preview
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    assert httpx.get(f"{base}/newsletter/{slug}/").status_code == 404  # a draft is not published

    tested = admin.post(f"{issue_path}test/", follow_redirects=True, data={"csrfmiddlewaretoken": csrf_token(saved.text)})
    assert flash(tested.text) == f"A test is on its way to {shop.staff_email}."
    test_mails = [m for m in mailbox.wait_for(shop.staff_email) if m["Subject"] == f"Stretch of the month {run}"]
    deadline = time.monotonic() + 15
    while not test_mails and time.monotonic() < deadline:
        time.sleep(0.2)
        test_mails = [m for m in mailbox.to(shop.staff_email) if m["Subject"] == f"Stretch of the month {run}"]
    assert len(test_mails) == 1
    assert all(mailbox.to(email) == [] for email in confirmed)  # a test goes to the staff member only

    unconfirmed = admin.post(f"{issue_path}send/", data={"csrfmiddlewaretoken": csrf_token(saved.text)})
    assert unconfirmed.status_code == 400 and "Tick the box to confirm the sending." in unconfirmed.text
    sent = admin.post(f"{issue_path}send/", follow_redirects=True, data={"csrfmiddlewaretoken": csrf_token(saved.text), "confirm": "on"})
    assert re.match(r"Sending to \d+ confirmed subscribers\. It is archived on the web\.", flash(sent.text))

    mails = [mailbox.exactly(email, 1)[0] for email in confirmed]
    assert mailbox.to(pending) == [] and mailbox.to(gone) == []
    for email, mail in zip(confirmed, mails):
        assert mail["Subject"] == f"Stretch of the month {run}"
        link = re.search(r"Unsubscribe: (http://\S+)", text_of(mail)).group(1)
        assert mail["List-Unsubscribe"].strip() == f"<{link}>"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "<h2>Stretch of the month</h2>" in mail.get_body(preferencelist=("html",)).get_content()
    # One-click, as a mail provider does it (RFC 8058): a POST without any form token.
    one_click = httpx.post(mails[0]["List-Unsubscribe"].strip().strip("<>").replace(shop.storefront_url, base),
                           data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert status_of(shop, confirmed[0]) == "unsubscribed"
    # In a browser: the link asks first, and the button does it.
    with httpx.Client(base_url=base, headers={"Origin": base}) as reader:
        link = re.search(r"Unsubscribe: (http://\S+)", text_of(mails[1])).group(1).replace(shop.storefront_url, "")
        question = reader.get(link)
        assert status_of(shop, confirmed[1]) == "subscribed"
        reader.post(link, data={"csrfmiddlewaretoken": csrf_token(question.text)})
    assert status_of(shop, confirmed[1]) == "unsubscribed"

    archived = httpx.get(f"{base}/newsletter/{slug}/")
    assert archived.status_code == 200
    assert f"<h1>Stretch of the month {run}</h1>" in archived.text and "<h2>Stretch of the month</h2>" in archived.text
    assert f'href="/newsletter/{slug}/"' in httpx.get(f"{base}/newsletter/").text

    again = admin.post(f"{issue_path}send/", follow_redirects=True, data={"csrfmiddlewaretoken": csrf_token(saved.text), "confirm": "on"})
    assert "it is not sent twice" in again.text
    mailbox.exactly(confirmed[2], 1, timeout=1, quiet=3)


def test_an_issue_needs_a_free_web_address(admin: httpx.Client):  # noqa: F811
    page = admin.get("/staff/newsletter/new/")

    reserved = admin.post("/staff/newsletter/new/", data={
        "csrfmiddlewaretoken": csrf_token(page.text), "subject": "S", "slug": "subscribe", "body": "Hi"})
    bad = admin.post("/staff/newsletter/new/", data={
        "csrfmiddlewaretoken": csrf_token(page.text), "subject": "S", "slug": "not a slug!", "body": "Hi"})

    assert reserved.status_code == 400 and "This web address is taken by the newsletter itself" in reserved.text
    assert bad.status_code == 400 and "Use only lower-case letters, digits and hyphens." in bad.text
