"""Abandoned-checkout reminders on the real stack: a buyer who gave an e-mail address at checkout and
did not pay gets one reminder once it is due (the test moves the due time instead of waiting hours),
its link opens the same cart in another browser, and paying, emptying the cart or unsubscribing stops it.
The periodic sweep runs every 15 seconds in the stack's job worker; the tests queue it at once
(tests/sweeps.py) where they would otherwise wait for its turn."""
from __future__ import annotations

import re
import time
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import httpx
import psycopg
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.locks import lock_held
from tests.mailbox import Mailbox, text_of
from tests.staff.conftest import admin  # noqa: F401  (fixture)
from tests.sweeps import run_sweep

DELAY_MINUTES = 60  # CART_REMINDER_DELAY_MINUTES's default, which the test stack keeps
SUBJECT = "Your QL Claw cart is still waiting"
SEND_TASK = "reminders.tasks.send_cart_reminder"


def sql(shop: Stack, query: str, *params) -> list[tuple]:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        cursor = db.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def reminders_for(shop: Stack, email: str) -> list[tuple]:
    return sql(shop, "SELECT checkout_token, status, reason, due_at FROM reminders_cartreminder WHERE email = %s", email)


def make_due(shop: Stack, email: str) -> None:
    """The test's clock jump: the reminder, due hours from now, is due now."""
    moved = sql(shop, "UPDATE reminders_cartreminder SET due_at = now() - interval '1 second' "
                "WHERE email = %s AND status = 'waiting' RETURNING id", email)
    assert len(moved) == 1, moved
    run_sweep(shop)


def status_of(shop: Stack, email: str, *, until: str, timeout: float = 45) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        [(_, status, reason, _)] = reminders_for(shop, email)
        if status == until or time.monotonic() > deadline:
            return status, reason
        time.sleep(0.5)


def reminders_to(mailbox: Mailbox, email: str) -> list:
    return [message for message in mailbox.to(email) if message["Subject"] == SUBJECT]


def cart_link(message) -> str:
    return re.search(r"http://\S+/cart/back/\S+/", text_of(message)).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def abandoned_checkout(new_buyer, quantity: int = 1) -> Buyer:
    buyer = new_buyer(f"reminder-{uuid.uuid4().hex[:8]}@example.com")
    buyer.add_to_cart(quantity)
    assert buyer.enter_details().url.path == "/checkout/"
    return buyer


@pytest.fixture
def other_browser(shop: Stack):
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base_url, timeout=20, headers={"Origin": base_url}) as client:
        yield client


def test_a_buyer_who_left_the_checkout_gets_one_reminder_whose_link_restores_the_cart_elsewhere(
    shop: Stack, new_buyer, mailbox: Mailbox, other_browser: httpx.Client
):
    noted_at = datetime.now(timezone.utc)
    buyer = abandoned_checkout(new_buyer, quantity=2)
    buyer.enter_details()  # a second pass through the details step notes nothing more

    [(token, status, _, due_at)] = reminders_for(shop, buyer.email)
    assert status == "waiting"
    assert abs(due_at - (noted_at + timedelta(minutes=DELAY_MINUTES))) < timedelta(minutes=2)
    run_sweep(shop, then=SEND_TASK)  # a sweep has run: nothing is due yet
    assert reminders_to(mailbox, buyer.email) == []

    make_due(shop, buyer.email)
    assert status_of(shop, buyer.email, until="sent") == ("sent", "")
    run_sweep(shop, then=SEND_TASK)  # another sweep: a duplicate would have been sent by now
    [reminder] = reminders_to(mailbox, buyer.email)
    assert reminder["List-Unsubscribe"] and reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    words = " ".join(text_of(reminder).split())
    assert "Hello Ada," in words and "2 × QL Claw: $78.00" in words and "Subtotal: $78.00" in words
    assert "we send at most one more reminder for this cart" in words

    opened = other_browser.get(path_of(cart_link(reminder)), follow_redirects=True)
    assert opened.url.path == "/cart/"
    assert re.search(r'<td class="cart-quantity">\s*2\s*</td>|name="quantity"[^>]*value="2"', opened.text)
    assert "QL Claw" in opened.text
    # A copy of the cart, never the reminded checkout: whoever opens a link sees none of the
    # first buyer's details and types theirs into a checkout of their own.
    [(restored,)] = sql(shop, "SELECT restored_checkout_token FROM reminders_cartreminder WHERE checkout_token = %s", token)
    assert restored is not None and str(restored) != str(token)
    details = other_browser.get("/checkout/")
    assert buyer.email not in details.text and "Lovelace" not in details.text
    # Opening it again in that browser keeps the same copy.
    other_browser.get(path_of(cart_link(reminder)), follow_redirects=True)
    assert sql(shop, "SELECT restored_checkout_token FROM reminders_cartreminder WHERE checkout_token = %s",
               token) == [(restored,)]

    # Unsubscribing in one click from that e-mail stops the next cart's reminder.
    unsubscribed = other_browser.post(path_of(reminder["List-Unsubscribe"].strip("<>")), data={"List-Unsubscribe": "One-Click"})
    assert unsubscribed.status_code == 200
    again = new_buyer(buyer.email)
    again.add_to_cart()
    again.enter_details()
    sql(shop, "UPDATE reminders_cartreminder SET due_at = now() WHERE email = %s AND status = 'waiting'", buyer.email)
    deadline = time.monotonic() + 45
    while not any(row[1] == "skipped" for row in reminders_for(shop, buyer.email)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert sorted((row[1], row[2]) for row in reminders_for(shop, buyer.email)) == [
        ("sent", ""), ("skipped", "the address unsubscribed")
    ]
    assert len(reminders_to(mailbox, buyer.email)) == 1


def test_no_reminder_after_paying_or_emptying_the_cart(shop: Stack, new_buyer, mailbox: Mailbox):
    paid = abandoned_checkout(new_buyer)
    assert paid.choose_shipping().url.path == "/checkout/"
    assert paid.pay().url.path.startswith("/orders/")
    emptied = abandoned_checkout(new_buyer)
    cart = emptied.http.get("/cart/").text
    line_id = re.search(r'action="/cart/lines/([^/"]+)/remove/"', cart).group(1)
    emptied.post_form("/cart/", f"/cart/lines/{line_id}/remove/", {})

    make_due(shop, paid.email)
    make_due(shop, emptied.email)
    assert status_of(shop, paid.email, until="skipped")[1] in (
        "the buyer paid or is paying", "the checkout is gone (an order was placed)"
    )
    assert status_of(shop, emptied.email, until="skipped") == ("skipped", "the cart was emptied")
    assert reminders_to(mailbox, paid.email) == [] and reminders_to(mailbox, emptied.email) == []


def test_two_jobs_racing_for_one_reminder_send_it_once(shop: Stack, new_buyer, mailbox: Mailbox):
    buyer = abandoned_checkout(new_buyer)
    [(token, _, _, _)] = reminders_for(shop, buyer.email)

    with psycopg.connect(shop.database_url("storefront")) as holder:
        # Queued by hand and held locked, while two sending jobs for it are started.
        holder.execute("UPDATE reminders_cartreminder SET status = 'queued' WHERE checkout_token = %s", (token,))
        for _ in range(2):
            shop.storefront_manage(
                "shell", "-c", f"from jobs.queue import defer; defer({SEND_TASK!r}, checkout_token={str(token)!r})"
            )
        deadline = time.monotonic() + 30
        while True:
            waiting = sql(shop, "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()")[0][0]
            if waiting >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert waiting >= 2, "both jobs should be waiting for the reminder's row"
        holder.commit()

    assert status_of(shop, buyer.email, until="sent")[0] == "sent"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        jobs = sql(shop, "SELECT status FROM procrastinate_jobs WHERE task_name = %s AND args->>'checkout_token' = %s",
                   SEND_TASK, str(token))
        if len(jobs) == 2 and all(status == "succeeded" for (status,) in jobs):
            break
        time.sleep(0.3)
    assert [status for (status,) in jobs] == ["succeeded", "succeeded"]
    time.sleep(2)
    assert len(reminders_to(mailbox, buyer.email)) == 1


def test_a_tampered_or_unknown_cart_link_is_refused_in_plain_words(shop: Stack, other_browser: httpx.Client):
    made = shop.storefront_manage(
        "shell", "-c", f"from reminders.tokens import cart_link_token; print(cart_link_token({str(uuid.uuid4())!r}))"
    ).stdout.strip().splitlines()[-1]
    for link in (f"/cart/back/{made[:-1]}x/", "/cart/back/not-a-link/", f"/cart/back/{made}/"):
        answer = other_browser.get(link)
        assert answer.status_code == 400 and "This cart link is not valid" in answer.text, link


def reminder_figures(admin: httpx.Client) -> tuple[int, int, int, Decimal]:
    """The dashboard's 7-day row: left, reminded, orders back, their value."""
    page = admin.get("/staff/")
    assert page.status_code == 200
    row = re.search(r'<p id="reminders-7-days">.*?</p>', page.text, re.S).group(0)
    left, sent, back, value = re.search(r"(\d+) left, (\d+) reminded, (\d+) orders? back \(([^)]+)\)", row).groups()
    return int(left), int(sent), int(back), Decimal(value.removeprefix("$").replace(",", ""))


def test_a_buyer_brought_back_by_the_reminder_pays_from_its_link_and_the_dashboard_counts_it(
    shop: Stack, new_buyer, mailbox: Mailbox, admin: httpx.Client
):
    left_before, sent_before, back_before, value_before = reminder_figures(admin)
    buyer = abandoned_checkout(new_buyer)
    make_due(shop, buyer.email)
    assert status_of(shop, buyer.email, until="sent")[0] == "sent"
    [reminder] = reminders_to(mailbox, buyer.email)

    on_the_phone = new_buyer(buyer.email)  # another device: no session, no cookie of the first
    assert on_the_phone.http.get(path_of(cart_link(reminder)), follow_redirects=True).url.path == "/cart/"
    assert on_the_phone.enter_details().url.path == "/checkout/"  # a copy: no address yet
    assert on_the_phone.choose_shipping().url.path == "/checkout/"
    assert on_the_phone.pay().url.path.startswith("/orders/")
    [(token, _, _, _)] = reminders_for(shop, buyer.email)  # the copy is never reminded itself
    [(restored,)] = sql(shop, "SELECT restored_checkout_token FROM reminders_cartreminder WHERE checkout_token = %s", token)
    [(order_total,)] = sql(shop, "SELECT order_total FROM checkout_checkoutattempt WHERE checkout_token = %s "
                           "AND status = 'completed'", restored)

    left, sent, back, value = reminder_figures(admin)
    assert (left, sent, back) == (left_before + 1, sent_before + 1, back_before + 1)
    assert order_total > 0 and value == value_before + order_total


def test_one_address_gets_one_reminder_a_day_even_from_two_carts_whose_jobs_race(
    shop: Stack, new_buyer, mailbox: Mailbox
):
    email = f"reminder-{uuid.uuid4().hex[:8]}@example.com"
    for _ in range(2):  # a phone and a laptop: two checkouts left with one address
        buyer = new_buyer(email)
        buyer.add_to_cart(1)
        assert buyer.enter_details().url.path == "/checkout/"
    assert len(reminders_for(shop, email)) == 2
    # The sending job's per-address lock, held here while both reminders come due, so both jobs
    # wait for it at once.
    with lock_held(shop, f"cart-reminder-to:{email}") as lock:
        sql(shop, "UPDATE reminders_cartreminder SET due_at = now() - interval '1 second' WHERE email = %s", email)
        lock.wait_until_waiting(2, timeout=45)

    deadline = time.monotonic() + 30
    while True:
        outcomes = sorted((status, reason) for (_, status, reason, _) in reminders_for(shop, email))
        if all(status in ("sent", "skipped") for status, _ in outcomes) or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert outcomes == [("sent", ""), ("skipped", "a reminder went to this address in the last day")]
    time.sleep(2)
    assert len(reminders_to(mailbox, email)) == 1


def test_a_buyer_who_ticks_no_reminder_gets_none_and_can_change_their_mind(shop: Stack, new_buyer, mailbox: Mailbox):
    buyer = new_buyer(f"reminder-{uuid.uuid4().hex[:8]}@example.com")
    buyer.add_to_cart(1)
    page = buyer.http.get("/checkout/").text
    assert "Don&#x27;t remind me about this cart" in page and 'name="no_reminder"' in page
    assert 'name="no_reminder" id="id_no_reminder" checked' not in page

    assert buyer.enter_details(no_reminder="on").url.path == "/checkout/"
    assert [(status, reason) for (_, status, reason, _) in reminders_for(shop, buyer.email)] == [
        ("skipped", "the buyer asked for no reminder")
    ]
    # Back on the address step, the box is still ticked; the sweep passes the checkout by.
    assert re.search(r'<input type="checkbox" name="no_reminder"[^>]* checked', buyer.http.get("/checkout/").text)
    sql(shop, "UPDATE reminders_cartreminder SET due_at = now() - interval '1 second' WHERE email = %s", buyer.email)
    run_sweep(shop, then=SEND_TASK)  # a sweep has run
    assert reminders_to(mailbox, buyer.email) == []
    assert reminders_for(shop, buyer.email)[0][1] == "skipped"

    # Unticked: the reminder is back, and goes out once due.
    assert buyer.enter_details().url.path == "/checkout/"
    make_due(shop, buyer.email)
    assert status_of(shop, buyer.email, until="sent")[0] == "sent"
    assert len(reminders_to(mailbox, buyer.email)) == 1


SECOND_SUBJECT = "Last reminder: your QL Claw cart"


def second_state(shop: Stack, email: str) -> tuple:
    [row] = sql(shop, "SELECT status, sent_at, second_due_at, second_sent_at, second_reason FROM reminders_cartreminder "
                "WHERE email = %s", email)
    return row


def wait_for_second(shop: Stack, email: str, done, timeout: float = 45) -> tuple:
    deadline = time.monotonic() + timeout
    while True:
        row = second_state(shop, email)
        if done(row) or time.monotonic() > deadline:
            return row
        time.sleep(0.5)


def test_a_cart_still_left_a_day_after_its_reminder_gets_one_last_one_and_no_third(shop: Stack, new_buyer, mailbox: Mailbox):
    buyer = abandoned_checkout(new_buyer)
    make_due(shop, buyer.email)
    assert status_of(shop, buyer.email, until="sent")[0] == "sent"
    _, sent_at, second_due_at, second_sent_at, _ = second_state(shop, buyer.email)
    assert second_sent_at is None and abs(second_due_at - (sent_at + timedelta(hours=24))) < timedelta(seconds=5)

    # The test's clock jump: a day has passed.
    sql(shop, "UPDATE reminders_cartreminder SET second_due_at = now() - interval '1 second' WHERE email = %s", buyer.email)
    run_sweep(shop)
    row = wait_for_second(shop, buyer.email, lambda row: row[3] is not None)
    assert row[0] == "sent" and row[3] is not None
    run_sweep(shop, then=SEND_TASK)  # another sweep: nothing more goes out
    [last] = [message for message in mailbox.to(buyer.email) if message["Subject"] == SECOND_SUBJECT]
    assert len(reminders_to(mailbox, buyer.email)) == 1
    words = " ".join(text_of(last).split())
    assert "this is the last reminder we send for this cart" in words and "Subtotal: $39.00" in words
    assert last["Message-ID"] != reminders_to(mailbox, buyer.email)[0]["Message-ID"]
    assert cart_link(last)


def test_no_last_reminder_once_the_buyer_paid(shop: Stack, new_buyer, mailbox: Mailbox):
    buyer = abandoned_checkout(new_buyer)
    make_due(shop, buyer.email)
    assert status_of(shop, buyer.email, until="sent")[0] == "sent"
    assert buyer.choose_shipping().url.path == "/checkout/"
    assert buyer.pay().url.path.startswith("/orders/")

    sql(shop, "UPDATE reminders_cartreminder SET second_due_at = now() - interval '1 second' WHERE email = %s", buyer.email)
    run_sweep(shop)
    status, _, second_due_at, second_sent_at, reason = wait_for_second(shop, buyer.email, lambda row: row[4] != "")
    assert (status, second_due_at, second_sent_at) == ("sent", None, None)
    assert reason in ("the buyer paid or is paying", "the checkout is gone (an order was placed)")
    assert [message for message in mailbox.to(buyer.email) if message["Subject"] == SECOND_SUBJECT] == []
