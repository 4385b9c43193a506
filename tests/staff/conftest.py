import html
import re
import uuid
from typing import Callable, Iterator

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, csrf_token
from tests.saleor_api import SaleorStaffAPI

PASSWORD = "correct-horse-battery"


def make_saleor_user(shop: Stack, email: str, *, is_staff: bool, permissions: tuple[str, ...] = ()) -> None:
    code = (
        "from django.contrib.auth.models import Permission; from saleor.account.models import User; "
        f"u = User.objects.create_user({email!r}, {PASSWORD!r}, is_staff={is_staff}); "
        f"u.user_permissions.set(Permission.objects.filter(codename__in={list(permissions)!r}))"
    )
    shop.saleor_manage("shell", "-c", code)


def signed_in_client(shop: Stack, email: str, password: str) -> tuple[httpx.Client, httpx.Response]:
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    client = httpx.Client(base_url=base, headers={"Origin": base}, timeout=30)
    page = client.get("/staff/sign-in/")
    answer = client.post("/staff/sign-in/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": email, "password": password})
    return client, answer


@pytest.fixture
def admin(shop: Stack) -> Iterator[httpx.Client]:
    client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
    assert answer.status_code == 302 and answer.headers["location"] == "/staff/", answer.text
    yield client
    client.close()


@pytest.fixture
def place_order(new_buyer, staff_api: SaleorStaffAPI) -> Callable[..., dict]:
    def place(quantity: int = 1, promo_code: str = "") -> dict:
        buyer = new_buyer(f"staff-{uuid.uuid4().hex[:8]}@example.com")
        buyer.ready_to_pay(quantity)
        if promo_code:
            applied = buyer.post_form("/checkout/payment/", "/checkout/promo-code/", {"code": promo_code})
            assert "Your promo code was applied." in applied.text
        assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
        # Captured by a job just after the order page: staff tests start from a paid order.
        return staff_api.wait_for_orders(buyer.email)[0]

    return place


def post_action(client: httpx.Client, order_id: str, action: str, data: dict) -> httpx.Response:
    page = client.get(f"/staff/orders/{order_id}/")
    return client.post(f"/staff/orders/{order_id}/{action}/", data={"csrfmiddlewaretoken": csrf_token(page.text), **data}, follow_redirects=True)


def confirm_return(client: httpx.Client, order_id: str, breakdown: httpx.Response) -> httpx.Response:
    """Press the breakdown page's confirm button (it sends back the hidden answers it shows)."""
    hidden = {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', breakdown.text)}
    assert hidden.get("confirmed") == "1", breakdown.text
    return client.post(f"/staff/orders/{order_id}/return/", data=hidden, follow_redirects=True)


def return_items(client: httpx.Client, order_id: str, data: dict) -> tuple[httpx.Response, httpx.Response]:
    """A return as the admin makes it: the form, then the breakdown page's confirm button.
    Returns both pages (the form's answer twice when it was refused)."""
    breakdown = post_action(client, order_id, "return", data)
    if breakdown.status_code != 200:
        return breakdown, breakdown
    return breakdown, confirm_return(client, order_id, breakdown)


def flash(html: str) -> str:
    match = re.search(r'<p class="message message-(?:success|error)">([^<]+)</p>', html)
    return match.group(1) if match else ""
