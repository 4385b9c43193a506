"""Newsletter: double opt-in by e-mail with a signed link, one row per address, unsubscribe
in every mail, rate limited, clear errors."""
import re
import time
import uuid
from html import unescape

import httpx
import psycopg
import pytest
from django.core import signing

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of


def sign_up(client: httpx.Client, email: str) -> httpx.Response:
    page = client.get("/guide/psoas/")
    return client.post("/newsletter/subscribe/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": email})


def rows(shop: Stack, email: str) -> list:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute("SELECT status FROM newsletter_subscriber WHERE email = %s", (email.lower(),)).fetchall()


def link_in(message, path: str) -> str:
    return re.search(rf"http://\S+{path}\S+/", text_of(message)).group(0)


@pytest.fixture
def visitor(shop: Stack):
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base_url, timeout=10, headers={"Origin": base_url}) as client:
        yield client


def new_address() -> str:
    return f"Reader-{uuid.uuid4().hex[:8]}@Example.com"


def test_sign_up_confirm_by_e_mail_then_unsubscribe(shop: Stack, visitor: httpx.Client, mailbox: Mailbox):
    email = new_address()

    answer = sign_up(visitor, email)

    assert answer.status_code == 200 and "Check your inbox" in answer.text
    assert rows(shop, email) == [("pending",)]
    message = mailbox.wait_for(email.lower())[-1]
    assert message["List-Unsubscribe"]
    confirm = link_in(message, "/newsletter/confirm/")
    confirmed = visitor.get(confirm.replace(shop.storefront_url, ""))
    assert confirmed.status_code == 200 and "subscribed" in confirmed.text
    assert rows(shop, email) == [("subscribed",)]

    replay = visitor.get(confirm.replace(shop.storefront_url, ""))
    assert replay.status_code == 400 and "This link is not valid" in replay.text

    unsubscribe = link_in(message, "/newsletter/unsubscribe/").replace(shop.storefront_url, "")
    question = visitor.get(unsubscribe)
    assert rows(shop, email) == [("subscribed",)]  # a GET (a mail scanner) changes nothing
    done = visitor.post(unsubscribe, data={"csrfmiddlewaretoken": csrf_token(question.text)})
    assert "You're unsubscribed" in unescape(done.text)
    assert rows(shop, email) == [("unsubscribed",)]


def test_tampered_and_expired_links_are_refused(shop: Stack, visitor: httpx.Client, mailbox: Mailbox):
    email = new_address()
    sign_up(visitor, email)
    confirm = link_in(mailbox.wait_for(email.lower())[-1], "/newsletter/confirm/").replace(shop.storefront_url, "")
    token = confirm.rstrip("/").split("/")[-1]

    tampered = visitor.get(f"/newsletter/confirm/{token[:-2]}xx/")
    forger = signing.TimestampSigner(key="not-the-shops-key", salt="newsletter.confirm", fallback_keys=[])
    forged = visitor.get(f"/newsletter/confirm/{forger.sign_object({'email': email.lower(), 'nonce': 'x'}, compress=True)}/")

    class FourDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 4 * 24 * 3600)

    nonce_token_data = signing.loads(token, key=shop.secrets["STOREFRONT_SECRET_KEY"], salt="newsletter.confirm", fallback_keys=[])
    expired_token = FourDaysAgo(key=shop.secrets["STOREFRONT_SECRET_KEY"], salt="newsletter.confirm", fallback_keys=[]).sign_object(
        nonce_token_data, serializer=signing.JSONSerializer, compress=True
    )
    expired = visitor.get(f"/newsletter/confirm/{expired_token}/")

    for response in (tampered, forged, expired):
        assert response.status_code == 400
        assert "This link is not valid" in response.text
    assert rows(shop, email) == [("pending",)]
    assert visitor.get(confirm).status_code == 200  # the genuine, fresh link still works


def test_signing_up_twice_keeps_one_row(shop: Stack, visitor: httpx.Client, mailbox: Mailbox):
    email = new_address()

    sign_up(visitor, email)
    sign_up(visitor, email.upper())

    assert rows(shop, email) == [("pending",)]
    assert len(mailbox.wait_for(email.lower(), count=2)) == 2


def test_an_invalid_address_is_refused_next_to_the_field(visitor: httpx.Client):
    answer = sign_up(visitor, "not an address")

    assert answer.status_code == 400
    assert "Please enter a valid e-mail address" in answer.text
    assert 'aria-invalid="true"' in answer.text


def test_sign_ups_for_one_address_are_rate_limited(shop: Stack, mailbox: Mailbox):
    email = new_address()
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    answers = []
    with httpx.Client(base_url=base_url, timeout=10, headers={"Origin": base_url}) as client:
        # Fixed one-hour windows: a burst across a window edge may take up to five more tries.
        while len(answers) < 11 and (not answers or answers[-1].status_code != 429):
            answers.append(sign_up(client, email))

    assert [answer.status_code for answer in answers[:5]] == [200] * 5
    assert answers[-1].status_code == 429
    assert "Too many sign-ups" in answers[-1].text
    assert len(mailbox.wait_for(email.lower(), count=len(answers) - 1)) == len(answers) - 1
