"""The "Carts left at checkout" tile on the staff dashboard, in Chromium on a phone and a laptop: it fits the
width, axe finds nothing serious or critical in it, and screenshots land in
.local/test/screenshots/cart-reminders/ to be looked at."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.staff.authenticator import pass_second_factor_in_browser

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "cart-reminders"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_cart_reminder_tile_reads_on_a_phone_and_a_laptop(page: Page, shop: Stack, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/staff/")
    page.get_by_label("E-mail").fill(shop.staff_email)
    page.get_by_label("Password").fill(shop.staff_password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, shop.staff_email)

    tile = page.locator("#tile-cart-reminders")
    expect(tile.get_by_role("heading", name="Carts left at checkout")).to_be_visible()
    for days in (7, 30):
        expect(tile.locator(f"#reminders-{days}-days")).to_contain_text(f"{days} days")
    box = tile.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tile.screenshot(path=str(SCREENSHOTS / f"{width}-tile.png"))
    violations = [v for v in Axe().run(page, context="#tile-cart-reminders").response["violations"]
                  if v["impact"] in ("serious", "critical")]
    assert violations == [], [v["id"] for v in violations]
