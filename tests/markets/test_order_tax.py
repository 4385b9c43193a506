"""After paying, the order page and the confirmation e-mail carry the tax line with its name and
rate as the tax plugin recorded it and Saleor's amount, and a Japanese buyer is told again that
import duties may be charged on delivery."""
import re
import uuid
from decimal import Decimal
from html import unescape

from tests.checkout.buyer import GOOD_CARD
from tests.mailbox import Mailbox, text_of
from tests.markets.addresses import ready_to_pay_in
from tests.saleor_api import SaleorStaffAPI

DUTIES = "Import duties and taxes may be charged on delivery."


def saleor_order(staff_api: SaleorStaffAPI, email: str) -> dict:
    [order] = staff_api.wait_for_orders(email)
    return staff_api.execute(
        "query($id: ID!) { order(id: $id) { token total { gross { amount } tax { amount } } "
        "metadata { key value } } }", {"id": order["id"]})["order"]


def paid_order(new_buyer, staff_api: SaleorStaffAPI, country: str):
    buyer = new_buyer(f"tax-{country.lower()}-{uuid.uuid4().hex[:8]}@example.com")
    ready_to_pay_in(buyer, country)
    placed = buyer.pay(card=GOOD_CARD)
    assert placed.url.path.startswith("/orders/"), placed.text
    return buyer, placed, saleor_order(staff_api, buyer.email)


def test_a_japanese_order_says_duties_are_due_on_delivery_on_the_page_and_in_the_email(
    new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer, placed, order = paid_order(new_buyer, staff_api, "JP")

    page = unescape(placed.text)
    [mail] = mailbox.wait_for(buyer.email)
    html = unescape(mail.get_body(("html",)).get_content())

    assert Decimal(str(order["total"]["tax"]["amount"])) == 0
    assert {item["key"]: item["value"] for item in order["metadata"]}.get("tax.duties") == "DAP"
    assert DUTIES in page and 'id="order-tax"' not in page
    assert DUTIES in text_of(mail) and DUTIES in html
    total = re.search(r"Total: \$[0-9.,]+\s+" + re.escape(DUTIES), text_of(mail))
    assert total, text_of(mail)  # beside the total


def test_a_german_order_shows_its_vat_line_with_rate_and_saleors_amount(
    new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer, placed, order = paid_order(new_buyer, staff_api, "DE")
    label = {item["key"]: item["value"] for item in order["metadata"]}["tax.label"]
    tax = f"${Decimal(str(order['total']['tax']['amount'])):.2f}"

    page = unescape(placed.text)
    [mail] = mailbox.wait_for(buyer.email)

    assert label == "VAT 19 % (DE)"
    assert re.search(rf'<dt>incl\. {re.escape(label)}</dt><dd id="order-tax">{re.escape(tax)}</dd>', page), page
    assert f"incl. {label}: {tax}" in text_of(mail)
    assert DUTIES not in page and DUTIES not in text_of(mail)
