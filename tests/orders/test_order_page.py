"""The order status page is reachable only through the order's own unguessable token."""
import re
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI
from tests.server_timing import saleor_calls


def place_order(new_buyer, staff_api: SaleorStaffAPI, label: str) -> dict:
    buyer = new_buyer(f"{label}-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay()
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    return staff_api.wait_for_orders(buyer.email)[0]


def test_each_token_shows_its_own_order_only_and_guesses_find_nothing(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    order_a = place_order(new_buyer, staff_api, "order-a")
    order_b = place_order(new_buyer, staff_api, "order-b")
    anyone = httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}")

    page_a = anyone.get(f"/orders/{order_a['token']}/")
    page_b = anyone.get(f"/orders/{order_b['token']}/")

    assert page_a.status_code == page_b.status_code == 200
    assert f"Order {order_a['number']}" in page_a.text and f"Order {order_b['number']}" not in page_a.text
    assert f"Order {order_b['number']}" in page_b.text and f"Order {order_a['number']}" not in page_b.text
    assert page_a.headers["referrer-policy"] == "no-referrer"
    assert "noindex" in page_a.headers["x-robots-tag"]
    assert anyone.get(f"/orders/{uuid.uuid4()}/").status_code == 404
    assert anyone.get(f"/orders/{order_a['number']}/").status_code == 404
    assert anyone.get(f"/orders/{order_a['id']}/").status_code == 404



def test_the_page_just_after_paying_shows_completions_answer_without_asking_saleor_again(new_buyer):
    buyer = new_buyer(f"just-placed-{uuid.uuid4().hex[:6]}@example.com")
    buyer.ready_to_pay(quantity=2)
    paid = buyer.pay(card=GOOD_CARD, follow=False)
    assert paid.status_code == 302 and paid.headers["location"].endswith("?placed=1")

    first = buyer.http.get(paid.headers["location"])
    again = buyer.http.get(paid.headers["location"])  # the kept answer serves one page, once
    plain = buyer.http.get(paid.headers["location"].split("?")[0])

    assert first.status_code == again.status_code == plain.status_code == 200
    assert saleor_calls(first) == 0
    assert saleor_calls(again) == 1 and saleor_calls(plain) == 1
    # The same order as Saleor shows it: number, address, every figure to the cent, the lines.
    assert "your order is placed" in first.text
    for page in (again, plain):
        assert re.findall(r"\$[\d,]+\.\d\d", page.text) == re.findall(r"\$[\d,]+\.\d\d", first.text)
        assert re.search(r"Order \d+", page.text).group(0) == re.search(r"Order \d+", first.text).group(0)
        assert re.search(r"<address[^>]*>.*?</address>", page.text, re.S).group(0) == \
            re.search(r"<address[^>]*>.*?</address>", first.text, re.S).group(0)
