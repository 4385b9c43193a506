"""The order status page is reachable only through the order's own unguessable token."""
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI


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
