"""Debian's Chromium driven by Playwright, against the test suite's real shop."""
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from deploy.runner.stack import Stack
from tests.staff.conftest import place_order  # noqa: F401  (fixture)


@pytest.fixture
def page(browser: Browser, shop: Stack) -> Iterator[Page]:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
