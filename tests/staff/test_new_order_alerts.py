"""The shop hears of every paid order: an e-mail per order to its order address, with a link
to the order in the staff area, or a daily digest instead."""
import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import psycopg

from deploy.runner.stack import Stack
from tests.mailbox import Mailbox, text_of

SHOP_ADDRESS = "orders@qlclaw.example"
SHOP_TIME_ZONE = ZoneInfo("America/New_York")  # SHOP_TIME_ZONE's default


def mails_about(mailbox: Mailbox, number: str, subject_start: str, timeout: float = 20) -> list:
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mailbox.to(SHOP_ADDRESS) if m["Subject"].startswith(subject_start) and number in m["Subject"]]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_paid_order_alerts_the_shop_with_a_link_to_the_staff_order_page(
    shop: Stack, admin: httpx.Client, place_order, mailbox: Mailbox
):
    order = place_order(quantity=2)

    [alert] = mails_about(mailbox, order["number"], f"New order {order['number']}:")
    time.sleep(2)  # and only one
    assert len(mails_about(mailbox, order["number"], f"New order {order['number']}:", timeout=0)) == 1

    assert alert["Subject"] == f"New order {order['number']}: $83.00 from {order['userEmail']}"
    body = text_of(alert)
    assert "2 × QL Claw (QLC-001)" in body and "Total: $83.00" in body
    # The address as the post office reads it (US order: city, state and ZIP on one line).
    ship_to = re.search(r"Ship to:\r?\n((?:  .+\r?\n)+)", body).group(1)
    assert [line.strip() for line in ship_to.splitlines()] == [
        "Ada Lovelace", "1221 SW 4th Avenue", "PORTLAND, OR 97204", "UNITED STATES"]
    link = re.search(r"http://\S+/staff/orders/\S+/", body).group(0)
    assert link == f"{shop.storefront_url}/staff/orders/{order['id']}/"
    page = admin.get(link.replace(shop.storefront_url, ""))
    assert page.status_code == 200 and f"Order #{order['number']}" in page.text


def test_the_daily_digest_lists_the_days_orders_once(shop: Stack, place_order, mailbox: Mailbox):
    order = place_order()
    today = datetime.now(SHOP_TIME_ZONE).date().isoformat()
    # The test stack keeps its database between runs: today's digest may be out already.
    with psycopg.connect(shop.database_url("storefront")) as db:
        db.execute("DELETE FROM mail_sentemail WHERE message_id = %s", (f"<digest.{today}@qlclaw.example>",))

    first = shop.storefront_manage("send_order_digest", "--day", today).stdout
    again = shop.storefront_manage("send_order_digest", "--day", today).stdout

    assert "sent to orders@qlclaw.example" in first and "was sent before" in again
    digests = [m for m in mailbox.wait_for(SHOP_ADDRESS) if m["Subject"].startswith("QL Claw orders of")]
    assert len(digests) == 1
    body = text_of(digests[0])
    assert re.search(rf"^  {order['number']}  \d\d:\d\d  \$44\.00  Fully charged  {re.escape(order['userEmail'])}\r?$", body, re.M), body
    assert f"{shop.storefront_url}/staff/orders/{order['id']}/" in body
    assert re.match(r"\d+ orders? placed on \w+ \d+ \w+ \d{4} \(America/New_York\), \$[\d,.]+ in all:", body)
