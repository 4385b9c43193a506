"""The shop on a phone (390×844) and a desktop (1280 px) in Chromium: nothing scrolls sideways,
the product's price and Add to cart are on the first screen, the header is one line with a
menu that opens without JavaScript, and the Content-Security-Policy refuses nothing on any page
(the payment step's Stripe.js included). Screenshots of every page at both widths are written to
.local/test/screenshots/phone-and-desktop/ to be looked at."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.browser.test_buying import fill_address
from tests.staff.authenticator import pass_second_factor_in_browser

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "phone-and-desktop"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def check_page(page: Page, name: str, width: int) -> None:
    """No sideways scrolling, and a full-page screenshot to look at."""
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{width}-{name}.png"), full_page=True)
    assert scroll_width <= width, f"{name} at {width} px is {scroll_width} px wide"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_fits_the_screen_without_sideways_scrolling(browser: Browser, shop: Stack, place_order, stock, viewport: dict):
    stock(100)  # the test database outlives a run; earlier runs may have sold the stock
    order = place_order()
    context = browser.new_context(base_url=shop.storefront_url.replace("localhost", "127.0.0.1"), viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Chromium reports each thing the Content-Security-Policy refused on the console.
    refused: list[str] = []
    page.on("console", lambda message: refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    width = viewport["width"]
    try:
        for name, path in [("home", "/"), ("guide", "/guide/lower-back-trigger-points/"), ("muscle", "/guide/psoas/"),
                           ("finder", "/guide/where-does-it-hurt/buttock/"), ("returns", "/returns/"),
                           ("shipping", "/shipping/"), ("find-order", "/orders/find/")]:
            page.goto(path)
            check_page(page, name, width)

        page.goto("/products/ql-claw/")
        check_page(page, "product", width)
        page.get_by_role("button", name="Add to cart").click()
        expect(page.get_by_text("Added to your cart.")).to_be_visible()
        check_page(page, "cart", width)
        page.get_by_role("link", name="Go to checkout").click()
        expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()
        check_page(page, "checkout-empty", width)
        fill_address(page, f"phone-{width}@example.com")
        expect(page.get_by_label(re.compile("Standard"))).to_be_checked()  # saved in place
        check_page(page, "checkout-filled", width)

        page.goto(f"/orders/{order['token']}/")
        check_page(page, "order", width)

        page.goto("/staff/")
        page.get_by_label("E-mail").fill(shop.staff_email)
        page.get_by_label("Password").fill(shop.staff_password)
        page.get_by_role("button", name="Sign in").click()
        pass_second_factor_in_browser(page, shop.staff_email)
        check_page(page, "staff-dashboard", width)
        page.goto("/staff/orders/")
        expect(page.get_by_role("heading", name="Orders")).to_be_visible()
        check_page(page, "staff-orders", width)
        page.goto(f"/staff/orders/{order['id']}/")
        check_page(page, "staff-order", width)
        page.goto(f"/staff/orders/{order['id']}/packing-slip/")
        check_page(page, "packing-slip", width)
        assert refused == []
    finally:
        context.close()


def test_on_a_phone_the_price_and_add_to_cart_are_on_the_first_screen(browser: Browser, shop: Stack):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{shop.storefront_url}/products/ql-claw/")
        for element in (page.locator(".product-buy .price .amount"), page.get_by_role("button", name="Add to cart"),
                        page.get_by_role("heading", level=1), page.locator(".product-buy .stock")):
            box = element.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 72, f"the header wraps: {header['height']} px high"
    finally:
        context.close()


def test_the_phone_menu_opens_without_javascript(browser: Browser, shop: Stack):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{shop.storefront_url}/")
        guide_link = page.get_by_role("link", name="Trigger point guide")
        expect(guide_link).to_be_hidden()
        page.get_by_text("Menu", exact=True).click()
        expect(guide_link).to_be_visible()
        guide_link.click()
        expect(page).to_have_url(re.compile("/guide/lower-back-trigger-points/$"))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/returns/", "/shipping/", "/privacy/", "/terms/", "/contact/", "/orders/find/", "/cart/"])
def test_no_serious_or_critical_accessibility_violations_on_the_new_pages(page: Page, path: str):
    page.set_viewport_size(PHONE)
    page.goto(path)

    results = Axe().run(page)

    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
