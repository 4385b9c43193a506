"""The wallet button in Chromium, offline: the wallet script runs under the product page's and
the cart's script-limiting CSP, fetches Stripe.js after the page has loaded, and keeps the button
hidden because localstripe's stand-in offers no wallet (see the README: only real Stripe shows it)."""
from __future__ import annotations

import time

from playwright.sync_api import Browser, Page, expect

from deploy.runner.stack import Stack


def wait_for_stripe_js(page: Page, timeout: float = 15) -> None:
    # Asked from outside the page (page.evaluate): wait_for_function evaluates its string with
    # eval inside the page, which these pages' CSP rightly refuses.
    deadline = time.monotonic() + timeout
    while not page.evaluate("typeof window.Stripe === 'function'"):
        assert time.monotonic() < deadline, "Stripe.js never loaded"
        page.wait_for_timeout(100)


def test_the_wallet_script_loads_stripe_js_after_the_page_and_shows_no_button_without_a_wallet(browser: Browser, shop: Stack):
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    stripe_js: list[str] = []
    page.on("request", lambda request: stripe_js.append(request.url) if "/js.stripe.com/v3" in request.url else None)
    try:
        page.goto("/products/ql-claw/")
        wait_for_stripe_js(page)  # fetched by js/express.js, allowed by the CSP
        assert len(stripe_js) == 1
        expect(page.locator("[data-express]")).to_be_hidden()
        page.get_by_role("button", name="Add to cart").click()
        expect(page.get_by_text("Added to your cart.")).to_be_visible()
        wait_for_stripe_js(page)
        expect(page.locator("[data-express]")).to_be_hidden()
        assert refused == []
    finally:
        context.close()
