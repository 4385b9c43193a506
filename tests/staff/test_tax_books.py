"""Tax in the books: a return of one of two units reverses exactly half of the line's tax as
Saleor priced it, and the export's tax per market and month sums to Saleor's order tax, less
the tax refunds gave back."""
import csv
import io
import re
import uuid
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx

from tests.checkout.buyer import GOOD_CARD
from tests.mailbox import Mailbox, text_of
from tests.markets.addresses import ready_to_pay_in
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import post_action, return_items


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def exported(admin: httpx.Client, kind: str, day) -> list[dict]:
    answer = admin.get("/staff/export/", params={"kind": kind, "start": str(day), "end": str(day)})
    assert answer.status_code == 200, answer.text
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def german_order_of_two(new_buyer, staff_api: SaleorStaffAPI) -> dict:
    buyer = new_buyer(f"vat-{uuid.uuid4().hex[:8]}@example.com")
    ready_to_pay_in(buyer, "DE", quantity=2)
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    [order] = staff_api.wait_for_orders(buyer.email)
    return staff_api.execute(
        "query($id: ID!) { order(id: $id) { id number userEmail total { tax { amount } } "
        "lines { quantity unitPrice { gross { amount } net { amount } } } } }", {"id": order["id"]})["order"]


def test_returning_one_of_two_units_reverses_half_the_lines_tax_and_the_books_add_up(
    admin: httpx.Client, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, shop_zone: ZoneInfo
):
    order = german_order_of_two(new_buyer, staff_api)
    [line] = order["lines"]
    line_tax = (cents(line["unitPrice"]["gross"]["amount"]) - cents(line["unitPrice"]["net"]["amount"])) * line["quantity"]
    assert line["quantity"] == 2 and line_tax > 0
    post_action(admin, order["id"], "fulfil", {"carrier": "usps", "tracking_number": "9400VAT"})
    tax = f"${cents(order['total']['tax']['amount'])}"
    staff_page, slip = admin.get(f"/staff/orders/{order['id']}/").text, admin.get(f"/staff/orders/{order['id']}/packing-slip/").text
    for page in (staff_page, slip):
        assert f'<p id="order-tax">Tax (European Union): VAT 19 % (DE) {tax} included in the total · worked out by the rates file</p>' in page, \
            re.findall(r'<p id="order-tax">.*?</p>', page, re.S)
    shipped = next(mail for mail in mailbox.wait_for(order["userEmail"], count=2) if "on its way" in mail["Subject"])
    assert f"incl. VAT 19 % (DE) {tax}." in text_of(shipped)

    breakdown, done = return_items(admin, order["id"], {"return_0": "1", "reason": "One came back"})

    shown = re.search(r'id="refund-tax">\$([0-9.,]+)<', breakdown.text)
    assert shown, breakdown.text
    assert Decimal(shown.group(1)) == line_tax / 2
    assert done.status_code == 200 and "Refunded" in done.text

    zone = shop_zone
    today = datetime.now(zone).date()
    rows = exported(admin, "orders", today)
    ours = next(row for row in rows if row["number"] == order["number"])
    assert (ours["tax_market"], ours["tax_label"]) == ("EU", "VAT 19 % (DE)")
    assert cents(ours["tax"]) == cents(order["total"]["tax"]["amount"])
    assert cents(ours["tax_refunded"]) == line_tax / 2

    saleor = staff_api.orders_placed_on(today, zone, "number total { tax { amount } }")
    books = exported(admin, "tax", today)
    month = today.strftime("%Y-%m")
    assert {row["month"] for row in books} == {month}
    assert sum(cents(row["tax_collected"]) for row in books) == sum(cents(o["total"]["tax"]["amount"]) for o in saleor)
    assert sum(int(row["orders"]) for row in books) == len(saleor)
    assert sum(cents(row["tax_refunded"]) for row in books) == sum(cents(row["tax_refunded"]) for row in rows)
    eu = next(row for row in books if row["market"] == "EU")
    assert cents(eu["tax_net"]) == cents(eu["tax_collected"]) - cents(eu["tax_refunded"])
    assert cents(eu["tax_refunded"]) >= line_tax / 2

    dashboard = admin.get("/staff/").text
    assert 'id="tile-tax"' in dashboard and "EU:" in dashboard
