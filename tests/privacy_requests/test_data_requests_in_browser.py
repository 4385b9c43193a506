"""The data-request pages in Chromium on a phone (390 px): axe-core finds nothing serious or
critical, nothing scrolls sideways, and screenshots at 390 and 1280 px are written to
.local/test/screenshots/data-requests/ to be looked at."""
from __future__ import annotations

import re
from typing import Iterator

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "data-requests"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, browser: Browser, shop: Stack) -> Iterator[tuple[Page, str]]:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport=WIDTHS[request.param])
    context.set_default_timeout(15_000)
    yield context.new_page(), request.param
    context.close()


def serious_findings(page: Page) -> list[tuple]:
    results = Axe().run(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def look_at(page: Page, name: str, size: str) -> list[tuple]:
    """Screenshot, no sideways scrolling, and axe's serious and critical findings."""
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{size}-{name}.png"), full_page=True)
    width = WIDTHS[size]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
    return serious_findings(page)


def test_the_data_request_pages_have_no_serious_accessibility_findings(
    sized_page: tuple[Page, str], shop: Stack, place_order, admin: httpx.Client
):
    page, size = sized_page
    order = place_order()
    findings = {}

    for name, path in [("about", "/your-data/"), ("order", f"/your-data/{order['token']}/"),
                       ("link-invalid", "/data-copy/not-a-key/")]:
        answer = page.goto(path)
        assert answer is not None and answer.status in (200, 404), path
        findings[name] = look_at(page, name, size)

    page.goto(f"/orders/{order['token']}/")
    page.get_by_role("link", name="Get or delete my data").click()
    page.get_by_role("button", name="E-mail me a copy of my data").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    findings["copy-asked"] = look_at(page, "copy-asked", size)

    page.goto(f"/your-data/{order['token']}/")
    page.get_by_role("button", name="Delete my data").click()  # not ticked: the error is shown
    expect(page.locator("#confirm-error")).to_be_visible()
    findings["order-with-error"] = look_at(page, "order-with-error", size)
    page.get_by_label(re.compile("I understand")).check()
    page.get_by_role("button", name="Delete my data").click()
    expect(page.get_by_role("heading", name="Your data is deleted")).to_be_visible()
    findings["erased"] = look_at(page, "erased", size)

    page.context.add_cookies([{"name": name, "value": value, "url": str(admin.base_url)}
                              for name, value in admin.cookies.items()])
    for name, path in [("staff-list", "/staff/data-requests/"), ("staff-dashboard", "/staff/")]:
        assert page.goto(path).status == 200, path
        findings[name] = look_at(page, name, size)

    assert findings == {name: [] for name in findings}

