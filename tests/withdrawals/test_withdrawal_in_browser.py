"""The withdrawal button in Chromium: the confirm form posts and is accepted (a browser sends the
Origin header Django's CSRF check reads, which the HTTP tests set by hand or leave out)."""
from __future__ import annotations

from playwright.sync_api import Browser, expect

from deploy.runner.stack import Stack


def test_withdrawing_from_the_order_page_works_in_the_browser(browser: Browser, shop: Stack, place_order):
    order = place_order()
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"/orders/{order['token']}/")
        page.get_by_role("link", name="Withdraw from this order").click()
        page.get_by_role("button", name="Confirm withdrawal").click()

        expect(page.get_by_role("heading", name="We have your withdrawal")).to_be_visible()
    finally:
        context.close()
