"""What a hand-edited link or a hostile buyer name cannot do to the staff area: a formula in a
name stays text in the CSV export, and a bad paging cursor shows the first page."""
import base64
import csv
import datetime
import io
import json
import re
from html import unescape as html_unescape

import httpx

from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI

FORMULA = '=HYPERLINK("http://evil.example","x")'


def test_a_formula_in_a_buyers_name_is_exported_as_plain_text(admin: httpx.Client, new_buyer, staff_api: SaleorStaffAPI):
    buyer = new_buyer("formula-buyer@example.com")
    buyer.add_to_cart()
    assert buyer.enter_details(first_name=FORMULA, last_name="-2+3").url.path == "/checkout/"
    assert buyer.choose_shipping().url.path == "/checkout/"
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    order = staff_api.wait_for_orders(buyer.email)[-1]
    today = datetime.date.today()

    exported = admin.get("/staff/export/", params={"start": str(today - datetime.timedelta(days=1)), "end": str(today + datetime.timedelta(days=1))})

    rows = {row["number"]: row for row in csv.DictReader(io.StringIO(exported.text.removeprefix("\ufeff")))}
    name = rows[order["number"]]["customer"]
    assert name == f"'{FORMULA} -2+3"
    dangerous = [cell for row in rows.values() for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


def cursor(*values: str) -> str:
    return base64.b64encode(json.dumps(list(values)).encode()).decode()


def test_bad_paging_cursors_show_the_first_page(admin: httpx.Client, place_order):
    place_order()
    first = admin.get("/staff/orders/", params={"status": ""})
    first_numbers = re.findall(r">#(\d+)</a>", first.text)

    # A well-formed cursor of an order that does not exist: newest first, everything is older.
    for params in ({"after": "garbage"}, {"before": "!!!"}, {"after": cursor("999999999")},
                   {"after": cursor("999999999", "999999999", "1")},
                   {"before": cursor("abc", "1")}, {"after": base64.b64encode(b"not json").decode()}):
        answer = admin.get("/staff/orders/", params={"status": "", **params})
        assert answer.status_code == 200, (params, answer.status_code)
        assert re.findall(r">#(\d+)</a>", answer.text) == first_numbers, params


def older_and_newer_links(html: str) -> dict[str, str]:
    return {word: html_unescape(href) for href, word in re.findall(r'<a href="(\?[^"]*)">(Older|Newer)</a>', html)}


def test_the_older_and_newer_links_page_through_the_orders(admin: httpx.Client, place_order):
    def listed(params) -> tuple[list[int], dict[str, str]]:
        page = admin.get("/staff/orders/", params=params)
        assert page.status_code == 200
        return [int(n) for n in re.findall(r">#(\d+)</a>", page.text)], older_and_newer_links(page.text)

    # More orders than one page holds (20): earlier tests may already have placed them.
    def order_count() -> int:
        return int(re.search(r'id="order-count">(\d+) order', admin.get("/staff/orders/", params={"status": ""}).text).group(1))

    while order_count() <= 20:
        place_order()
    first, links = listed({"status": ""})
    assert len(first) == 20 and first == sorted(first, reverse=True)
    assert "Newer" not in links

    older, older_links = listed(links["Older"].lstrip("?"))
    assert older and max(older) < min(first), (first, older)
    newer, _ = listed(older_links["Newer"].lstrip("?"))
    assert newer == first
