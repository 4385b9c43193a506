"""Debian's Chromium driven by Playwright, against the test suite's real shop."""
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from deploy.runner.environments import ensure_chromium
from tests.staff.conftest import place_order  # noqa: F401  (fixture)
from deploy.runner.stack import Stack

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, shop: Stack) -> Iterator[Page]:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
