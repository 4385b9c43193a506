"""Customers are order e-mail addresses: found by search, each with all their orders, what they
spent (net of refunds) and where their parcels went."""
import re
import uuid

import httpx

from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import post_action


def buy(new_buyer, email: str, quantity: int) -> None:
    buyer = new_buyer(email)
    buyer.ready_to_pay(quantity)
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")


def test_a_customers_orders_spending_and_addresses_are_found_by_email(
    admin: httpx.Client, new_buyer, staff_api: SaleorStaffAPI
):
    email = f"repeat-{uuid.uuid4().hex[:8]}@example.com"
    buy(new_buyer, email, 1)
    buy(new_buyer, email, 2)
    orders = staff_api.wait_for_orders(email, count=2)
    post_action(admin, orders[0]["id"], "refund", {"amount": "10.00"})

    found = admin.get("/staff/customers/", params={"q": email.split("@")[0]})
    row = re.search(rf'<tr>\s*<td><a href="/staff/customers/{re.escape(email)}/">{re.escape(email)}</a>(.*?)</tr>', found.text, re.S)
    assert row, found.text
    assert "Ada Lovelace" in row.group(1)
    assert re.search(r'<td class="num">2</td>', row.group(1))
    assert "$117.00" in row.group(1)  # 44 + 83 captured, 10 refunded

    page = admin.get(f"/staff/customers/{email}/")
    assert page.status_code == 200
    assert re.search(r'id="customer-orders">2 orders<', page.text)
    assert 'id="customer-spent">$117.00<' in page.text
    for order in orders:
        assert f'href="/staff/orders/{order["id"]}/">#{order["number"]}</a>' in page.text
    assert page.text.count('class="customer-address"') == 1  # the same address on both orders
    assert "1221 SW 4th Avenue" in page.text

    order_page = admin.get(f"/staff/orders/{orders[0]['id']}/")
    assert f'href="/staff/customers/{email}/" id="customer-link"' in order_page.text


def test_unknown_customers_and_bad_searches_get_plain_answers(admin: httpx.Client):
    assert admin.get("/staff/customers/nobody-at-all@example.com/").status_code == 404
    short = admin.get("/staff/customers/", params={"q": "ab"})
    assert short.status_code == 400 and "Please enter at least 3 characters." in short.text
    empty = admin.get("/staff/customers/", params={"q": f"none-{uuid.uuid4().hex}"})
    assert empty.status_code == 200 and "No orders match." in empty.text
    assert admin.get("/staff/customers/").status_code == 200
