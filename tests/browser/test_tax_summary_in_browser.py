"""The checkout summary for a German buyer (VAT inside the total) and a Japanese one (duties due
on delivery beside the total), at phone and desktop widths, with no sideways scrolling.
Screenshots go to .local/test/screenshots/markets/ to be looked at."""
import uuid

import pytest
from playwright.sync_api import Browser, expect

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.markets.addresses import ready_to_pay_in

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "markets"
WIDTHS = {390: 844, 1280: 900}


@pytest.mark.parametrize("country, words", [("DE", "incl. VAT"), ("JP", "Import duties and taxes may be charged on delivery.")])
def test_the_checkout_summary_reads_well_at_both_widths(browser: Browser, shop: Stack, new_buyer, country: str, words: str):
    buyer = new_buyer(f"summary-{country.lower()}-{uuid.uuid4().hex[:8]}@example.com")
    ready_to_pay_in(buyer, country)
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in WIDTHS.items():
        context = browser.new_context(base_url=base, viewport={"width": width, "height": height})
        context.add_cookies([{"name": cookie.name, "value": cookie.value, "url": base} for cookie in buyer.http.cookies.jar])
        page = context.new_page()
        page.goto("/checkout/")

        summary = page.locator(".summary-box")
        expect(summary).to_contain_text(words)
        page.screenshot(path=str(SCREENSHOTS / f"{width}-{country}-checkout.png"), full_page=True)
        summary.screenshot(path=str(SCREENSHOTS / f"{width}-{country}-summary.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()
