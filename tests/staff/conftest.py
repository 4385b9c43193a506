import html
import re
import time
import uuid
from datetime import datetime, timedelta
from typing import Callable, Iterator
from zoneinfo import ZoneInfo

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, csrf_token
from tests.saleor_api import SaleorStaffAPI
from tests.staff.authenticator import pass_second_factor

PASSWORD = "correct-horse-battery"


def make_saleor_user(shop: Stack, email: str, *, is_staff: bool, permissions: tuple[str, ...] = ()) -> None:
    code = (
        "from django.contrib.auth.models import Permission; from saleor.account.models import User; "
        f"u = User.objects.create_user({email!r}, {PASSWORD!r}, is_staff={is_staff}); "
        f"u.user_permissions.set(Permission.objects.filter(codename__in={list(permissions)!r}))"
    )
    shop.saleor_manage("shell", "-c", code)


def staff_client(shop: Stack) -> httpx.Client:
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    return httpx.Client(base_url=base, headers={"Origin": base}, timeout=30)


def sign_in_with_password(client: httpx.Client, email: str, password: str) -> httpx.Response:
    page = client.get("/staff/sign-in/")
    return client.post("/staff/sign-in/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": email, "password": password})


def signed_in_client(shop: Stack, email: str, password: str) -> tuple[httpx.Client, httpx.Response]:
    """Sign in as staff do: the password, then a code from the authenticator app (setting the app
    up at the account's first sign-in). The answer is the password's when it was refused, else the
    code's: a redirect to the staff area."""
    client = staff_client(shop)
    answer = sign_in_with_password(client, email, password)
    if answer.status_code != 302:
        return client, answer
    return client, pass_second_factor(client, email, answer)


# The admin's signed-in cookies, kept across tests while the staff session lasts: a full sign-in
# takes a fresh 30-second code step, and most tests would otherwise wait for one.
_admin_cookies: dict[str, httpx.Cookies] = {}


@pytest.fixture
def admin(shop: Stack) -> Iterator[httpx.Client]:
    client = staff_client(shop)
    kept = _admin_cookies.get(str(client.base_url))
    if kept is not None:
        client.cookies = httpx.Cookies(kept)
    if kept is None or client.get("/staff/jobs/failed/").status_code != 200:
        client.close()
        client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
        assert answer.status_code == 302 and answer.headers["location"] == "/staff/", answer.text
        _admin_cookies[str(client.base_url)] = httpx.Cookies(client.cookies)
    yield client
    client.close()


# Longer than any test that counts "today" takes, with room to spare.
SAME_DAY_SECONDS = 180


@pytest.fixture
def shop_zone(admin: httpx.Client) -> ZoneInfo:
    """The shop's time zone, as its staff pages give it, for a test that counts "today's" orders,
    refunds or sales: started within SAME_DAY_SECONDS of midnight there, it first waits for the new
    day, so an order placed before midnight is never looked for in the next day's figures."""
    zone = ZoneInfo(re.search(r'data-time-zone="([^"]+)"', admin.get("/staff/").text).group(1))
    now = datetime.now(zone)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    if (midnight - now).total_seconds() < SAME_DAY_SECONDS:
        time.sleep((midnight - now).total_seconds() + 1)
    return zone


@pytest.fixture
def place_order(new_buyer, staff_api: SaleorStaffAPI) -> Callable[..., dict]:
    def place(quantity: int = 1, promo_code: str = "") -> dict:
        buyer = new_buyer(f"staff-{uuid.uuid4().hex[:8]}@example.com")
        buyer.ready_to_pay(quantity)
        if promo_code:
            applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": promo_code})
            assert "Your promo code was applied." in applied.text
        assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
        # Captured by a job just after the order page: staff tests start from a paid order.
        return staff_api.wait_for_orders(buyer.email)[0]

    return place


def action_form(page_text: str, order_id: str, action: str) -> dict:
    """The hidden fields of the order page's form for `action` (its CSRF token, what the page
    showed), as a browser would send them."""
    form = re.search(rf'<form method="post" action="/staff/orders/{re.escape(order_id)}/{action}/".*?</form>', page_text, re.S)
    if form is None:  # not offered on this page (nothing to capture…): what a forged post would carry
        return {"csrfmiddlewaretoken": csrf_token(page_text)}
    return {name: html.unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(0))}


def post_action(client: httpx.Client, order_id: str, action: str, data: dict, *, follow: bool = True) -> httpx.Response:
    page = client.get(f"/staff/orders/{order_id}/")
    return client.post(f"/staff/orders/{order_id}/{action}/", data={**action_form(page.text, order_id, action), **data},
                       follow_redirects=follow)


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
