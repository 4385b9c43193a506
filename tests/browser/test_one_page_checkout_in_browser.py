"""The one-page checkout in Chromium on a phone (390×844): from the product page the buyer opens
/checkout/ once, and everything up to the paid order happens on that page (the address saved
in place, the shipping options and totals redrawn, the card taken, 3-D Secure run); then the
order page. Screenshots at 390 and 1280 px of the page empty, filled and after a decline."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, expect

from deploy.runner.stack import Stack
from tests.browser.test_buying import assert_one_paid_order, enter_card, fill_address, new_email
from tests.browser.test_checkout_errors_in_browser import PHONE, SCREENSHOTS, assert_refusal_at_the_card
from tests.checkout.buyer import DECLINED_CARD, GOOD_CARD, THREE_D_SECURE_CARD
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI

WIDE = {"width": 1280, "height": 900}


def new_page(browser: Browser, shop: Stack, viewport: dict) -> Page:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport=viewport)
    context.set_default_timeout(15_000)
    return context.new_page()


def loads_of(page: Page) -> list[str]:
    """The path of every document the tab loads from now on (redirects end at the last)."""
    loads: list[str] = []
    page.on("framenavigated", lambda frame: loads.append(urlsplit(frame.url).path) if frame == page.main_frame else None)
    return loads


def to_checkout(page: Page) -> None:
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    page.get_by_role("link", name="Go to checkout").click()
    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()


def fill_in_place(page: Page, email: str) -> None:
    fill_address(page, email)
    expect(page.get_by_label(re.compile("Standard"))).to_be_checked()  # saved; the cheapest chosen
    expect(page.locator("#summary-total")).to_have_text("$44.00")
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_have_text("Pay $44.00")


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{page.viewport_size['width']}-one-page-{name}.png"), full_page=True)


def test_the_good_card_pays_in_one_load_of_the_checkout(browser: Browser, shop: Stack, staff_api: SaleorStaffAPI,
                                                        mailbox: Mailbox):
    page = new_page(browser, shop, PHONE)
    email = new_email("one-page-good")
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    loads = loads_of(page)
    page.get_by_role("link", name="Go to checkout").click()
    fill_in_place(page, email)
    # Another method redraws the totals in place, and back.
    page.get_by_label(re.compile("Express")).check()
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_have_text("Pay $54.00")
    expect(page.locator("#summary-bar strong")).to_have_text("$54.00")
    page.get_by_label(re.compile("Standard")).check()
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_have_text("Pay $44.00")
    enter_card(page, GOOD_CARD)

    page.get_by_role("button", name=re.compile("^Pay ")).click()

    assert_one_paid_order(shop, staff_api, mailbox, page, email)
    assert loads == ["/checkout/", urlsplit(page.url).path], loads
    page.context.close()


def test_3d_secure_pays_in_one_load_of_the_checkout(browser: Browser, shop: Stack, staff_api: SaleorStaffAPI,
                                                    mailbox: Mailbox):
    page = new_page(browser, shop, PHONE)
    email = new_email("one-page-3ds")
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    loads = loads_of(page)
    page.get_by_role("link", name="Go to checkout").click()
    fill_in_place(page, email)
    enter_card(page, THREE_D_SECURE_CARD)

    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.get_by_role("button", name="Complete authentication").click()

    assert_one_paid_order(shop, staff_api, mailbox, page, email)
    assert loads == ["/checkout/", urlsplit(page.url).path], loads
    page.context.close()


def test_the_card_pay_button_and_total_are_together_on_a_phone(browser: Browser, shop: Stack):
    page = new_page(browser, shop, PHONE)
    to_checkout(page)
    fill_in_place(page, new_email("one-page-phone"))

    page.locator("#card-field").scroll_into_view_if_needed()

    card = page.locator("#card-element").bounding_box()
    pay = page.get_by_role("button", name=re.compile("^Pay ")).bounding_box()
    bar = page.locator("#summary-bar").bounding_box()
    assert card and pay and bar
    assert pay["y"] + pay["height"] - card["y"] < PHONE["height"], "the card and Pay do not fit one screen"
    # The summary bar stays at the top with the total while the buyer is at the card.
    assert 0 <= bar["y"] < 10, bar
    expect(page.locator("#summary-bar strong")).to_have_text("$44.00")
    page.context.close()


def test_screenshots_of_the_checkout_empty_filled_and_declined(browser: Browser, shop: Stack, staff_api: SaleorStaffAPI):
    for viewport in (PHONE, WIDE):
        page = new_page(browser, shop, viewport)
        email = new_email(f"one-page-shots-{viewport['width']}")
        to_checkout(page)
        expect(page.get_by_text("Enter your address to see the shipping options and the total.")).to_be_visible()
        shot(page, "empty")
        fill_in_place(page, email)
        enter_card(page, DECLINED_CARD)
        shot(page, "filled")

        page.get_by_role("button", name=re.compile("^Pay ")).click()

        if viewport is PHONE:
            assert_refusal_at_the_card(page, re.compile(r"^Your card was declined\."))
        else:
            expect(page.locator("#card-errors")).to_have_text(re.compile(r"^Your card was declined\."))
        page.screenshot(path=str(SCREENSHOTS / f"{viewport['width']}-one-page-declined.png"))
        assert staff_api.orders_for(email) == []
        page.context.close()
