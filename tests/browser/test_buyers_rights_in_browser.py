"""Buyers' rights in Chromium: the privacy page's cookie list is what the browser holds after a
full purchase, and the withdrawal, notice, guarantee and privacy pages have no serious or
critical accessibility findings on a phone."""
import re
import time
import uuid
from typing import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from deploy.runner.stack import Stack
from tests.browser.test_buying import enter_card, go_to_payment
from tests.browser.test_guide_in_browser import audit
from tests.checkout.buyer import GOOD_CARD

PHONE = {"width": 390, "height": 844}
DAY = 24 * 3600


@pytest.fixture
def phone(browser: Browser, shop: Stack) -> Iterator[Page]:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def listed_cookies(page: Page) -> dict[str, str]:
    """name -> lifetime in seconds (or "session"), as the privacy page lists them."""
    page.goto("/privacy/")
    rows = page.locator("#cookie-list tbody tr")
    return {rows.nth(i).get_attribute("data-cookie"): rows.nth(i).get_attribute("data-lifetime-seconds")
            for i in range(rows.count())}


def test_the_cookie_list_is_what_chromium_holds_after_a_full_purchase(page: Page, shop: Stack):
    page.goto("/")
    page.goto("/guide/lower-back-trigger-points/")
    go_to_payment(page, f"cookies-{uuid.uuid4().hex[:6]}@example.com")
    enter_card(page, GOOD_CARD)
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    expect(page.get_by_role("heading", name="Thank you — your order is placed")).to_be_visible()
    paid_at = time.time()
    shop_host = urlparse(page.url).hostname
    held = {cookie["name"]: cookie for cookie in page.context.cookies() if cookie["domain"].lstrip(".") == shop_host}

    listed = listed_cookies(page)

    assert {"sessionid", "csrftoken"} <= set(held), held
    assert set(held) <= set(listed), f"cookies not on the privacy page: {set(held) - set(listed)}"
    for name, cookie in held.items():
        if listed[name] == "session":
            assert cookie["expires"] == -1, f"{name} outlives the browser session"
        else:
            assert abs(cookie["expires"] - paid_at - int(listed[name])) < DAY, f"{name}: {cookie['expires'] - paid_at} s"
    # Nothing listed as set by this shop is missing but a notice that was shown and removed.
    assert set(listed) - set(held) <= {"messages", "__stripe_mid", "__stripe_sid"}


@pytest.mark.parametrize("path", ["/right-of-withdrawal/", "/guarantee/", "/privacy/", "/returns/", "/withdraw/", "/products/ql-claw/"])
def test_buyers_rights_pages_have_no_serious_accessibility_findings_on_a_phone(phone: Page, path: str):
    assert audit(phone, path) == []


def test_the_withdrawal_confirmation_page_has_no_serious_accessibility_findings_on_a_phone(phone: Page, place_order):
    order = place_order()

    assert audit(phone, f"/withdraw/{order['token']}/") == []
    assert audit(phone, f"/orders/{order['token']}/") == []
