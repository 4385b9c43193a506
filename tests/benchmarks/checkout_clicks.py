"""Page loads and clicks from the product page to a paid order, as a buyer on a phone (390×844)
does it in Chromium with the good card: every document the tab loads after the product page,
every click, and the fields typed, with "Buy now" and through the cart. Goal: 2 loads (product →
checkout → order page).

    .venv/storefront/bin/python -m tests.benchmarks.checkout_clicks [--buyers 3]
        (Chromium is the tests' own)
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect, sync_playwright

from deploy.runner.environments import ensure_chromium
from tests.benchmarks.harness import running_stack
from tests.checkout.buyer import GOOD_CARD

PHONE = {"width": 390, "height": 844}
# As the browser tests start it (tests/conftest.py, which needs the storefront on the path).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


class Walk:
    """A buyer's tab that counts what they do."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.loads: list[str] = []
        self.clicks: list[str] = []
        self.typed = 0
        page.on("framenavigated", lambda frame: self.loads.append(urlsplit(frame.url).path)
                if frame == page.main_frame else None)

    def click(self, what: str, locator) -> None:
        self.clicks.append(what)
        locator.click()

    def type(self, locator, value: str) -> None:
        self.typed += 1
        locator.fill(value)

    def choose(self, locator, value: str) -> None:
        self.typed += 1
        locator.select_option(value)


def buy(page: Page, *, through_cart: bool) -> tuple[Walk, float]:
    page.goto("/products/ql-claw/")
    walk = Walk(page)  # from the product page on
    started = time.monotonic()
    if through_cart:
        walk.click("Add to cart", page.get_by_role("button", name="Add to cart"))
        expect(page.get_by_text("Added to your cart.")).to_be_visible()
        walk.click("Go to checkout", page.get_by_role("link", name="Go to checkout"))
    else:
        walk.click("Buy now", page.get_by_role("button", name="Buy now"))
    walk.type(page.get_by_label("E-mail"), f"bench-clicks-{uuid.uuid4().hex[:8]}@example.com")
    walk.type(page.get_by_label("First name"), "Grace")
    walk.type(page.get_by_label("Last name"), "Hopper")
    walk.type(page.get_by_label("Street address"), "350 Fifth Avenue")
    walk.type(page.get_by_label("City"), "New York")
    walk.choose(page.get_by_label("State"), "NY")
    walk.type(page.get_by_label("ZIP code"), "10118")
    # The cheapest method is chosen once the page has saved the address: no click for it.
    expect(page.get_by_label(re.compile("Standard"))).to_be_checked()
    card = page.locator("#card-element")
    for placeholder, value in (("number", GOOD_CARD), ("exp_month", "12"), ("exp_year", "34"), ("cvc", "123"),
                               ("postal_code", "10118")):
        walk.type(card.get_by_placeholder(placeholder), value)
    walk.click("Pay", page.get_by_role("button", name=re.compile("^Pay ")))
    expect(page.get_by_role("heading", name="Thank you — your order is placed")).to_be_visible()
    return walk, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=3)
    args = parser.parse_args()
    with running_stack() as shop, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_FLAGS)
        try:
            print("Product page to a paid order, one-page checkout, good card, 390×844:")
            for label, through_cart in (("Buy now", False), ("Add to cart, then the cart", True)):
                seconds = []
                for n in range(args.buyers):
                    context = chromium.new_context(base_url=shop.storefront_url, viewport=PHONE)
                    context.set_default_timeout(30_000)
                    walk, took = buy(context.new_page(), through_cart=through_cart)
                    context.close()
                    seconds.append(took)
                    loads = [re.sub(r"/orders/[^/]+/", "/orders/<token>/", path) for path in walk.loads]
                    if n == 0:
                        print(f"{label}:")
                        print(f"  page loads after the product page: {len(loads)}  ({' → '.join(loads)})")
                        print(f"  clicks: {len(walk.clicks)}  ({', '.join(walk.clicks)})")
                        print(f"  fields typed or chosen: {walk.typed} (address 7, card 5)")
                print(f"  seconds from the first click to the order page (machine's load included): "
                      f"median {statistics.median(seconds):.1f} over {len(seconds)} buyers")
        finally:
            chromium.close()


if __name__ == "__main__":
    main()
