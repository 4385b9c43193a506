"""Reviews on a phone (390 px) in Chromium: the product page keeps its buy box, with the rating
summary, on the first screen; the product page and the review form have no serious or critical
axe findings, and the stars are plain radio buttons that work by keyboard.
Screenshots at 390 and 1280 px go to .local/test/screenshots/reviews/."""
from __future__ import annotations

import httpx
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack

from .conftest import PRODUCT_PAGE, made_key, reviews_of, ship, staff_post, wait_for_purge

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "reviews"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def serious_findings(page: Page) -> list[tuple]:
    results = Axe().run(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_on_a_phone_the_buy_box_and_rating_summary_are_on_the_first_screen_and_axe_finds_nothing_serious(
    browser: Browser, shop: Stack, admin: httpx.Client, place_order
):
    order = place_order()
    ship(admin, order)
    link = f"/reviews/{order['token']}/{made_key(shop, order['token'])}/"
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    phone = browser.new_context(base_url=base_url, viewport=PHONE)
    desktop = browser.new_context(base_url=base_url, viewport=DESKTOP)
    try:
        page = phone.new_page()
        page.goto(link)
        assert serious_findings(page) == []
        # The stars by keyboard alone: focus the first radio button, move with the arrow keys.
        page.get_by_label("5 stars: excellent").focus()
        page.keyboard.press("ArrowDown")
        page.get_by_label("Title").fill("Good for the hip")
        page.get_by_label("Your review").fill("Reaches the side of my hip without straining.")
        screenshot(page, "390-review-form")
        page.get_by_role("button", name="Send my review").click()
        assert page.locator("#review-saved").is_visible()
        [(review_id, rating, *_)] = reviews_of(shop, order["token"])
        assert rating == 4
        assert "Approved" in staff_post(admin, f"/staff/reviews/{review_id}/approve/").text
        wait_for_purge()

        page.goto(PRODUCT_PAGE)
        screenshot(page, "390-product")
        assert "out of 5" in page.locator("#rating-line").inner_text()
        for element in (page.get_by_role("heading", level=1), page.locator("#rating-line"),
                        page.locator(".product-buy .price .amount"), page.get_by_role("button", name="Add to cart")):
            box = element.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        assert serious_findings(page) == []

        wide = desktop.new_page()
        wide.goto(PRODUCT_PAGE)
        screenshot(wide, "1280-product")
        wide.goto(link)
        screenshot(wide, "1280-review-form")
    finally:
        phone.close()
        desktop.close()
