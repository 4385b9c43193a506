"""The two-for-less button on a phone (390×844) in Chromium: it sits in the first screen with Add to
cart, and the page still fits the screen. Screenshot in .local/test/screenshots/multi-buy/."""
from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.second_storefront import second_storefront

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "multi-buy"


@pytest.fixture(scope="module")
def offer_on(shop: Stack) -> Iterator[str]:
    with second_storefront(shop, "multi-buy-browser", {"MULTI_BUY_OFFER": "true"}) as url:
        yield url


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_the_two_for_less_button_is_on_the_first_screen(browser: Browser, offer_on: str, stock, width: int, height: int):
    stock(100)
    context = browser.new_context(base_url=offer_on, viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto("/products/ql-claw/")
        two = page.get_by_role("button", name="Add 2 for")
        one = page.get_by_role("button", name="Add to cart")
        for button in (one, two):
            box = button.bounding_box()
            assert box is not None and box["y"] + box["height"] <= height, f"{button} is below the first screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{width}-product.png"))

        two.click()
        page.wait_for_url("**/cart/")
        assert page.locator("#cart-discount").inner_text().startswith("−$")
        page.screenshot(path=str(SCREENSHOTS / f"{width}-cart.png"), full_page=True)
    finally:
        context.close()
