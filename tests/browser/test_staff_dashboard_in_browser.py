"""The shop admin's morning in Chromium: sign in, read the dashboard, open the oldest order
waiting to ship from the "to ship" tile, and ship it."""
import re

from playwright.sync_api import Page, expect

from deploy.runner.stack import Stack
from tests.saleor_api import SaleorStaffAPI
from tests.staff.authenticator import pass_second_factor_in_browser


def to_ship_in_saleor(staff_api: SaleorStaffAPI) -> int:
    return staff_api.execute("{ orders(filter: {status: [READY_TO_FULFILL]}) { totalCount } }")["orders"]["totalCount"]


def test_the_admin_ships_the_oldest_waiting_order_from_the_dashboard(
    page: Page, shop: Stack, place_order, staff_api: SaleorStaffAPI
):
    place_order()

    page.goto("/staff/")
    page.get_by_label("E-mail").fill(shop.staff_email)
    page.get_by_label("Password").fill(shop.staff_password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, shop.staff_email)

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.locator("#sales-today")).to_have_text(re.compile(r"^\$[\d,]+\.\d\d$"))
    expect(page.locator("#sales-sparkline polyline")).to_have_count(1)
    tile = page.locator("#tile-to-ship")
    expect(tile.locator("#to-ship-count")).to_have_text(re.compile(r"^\d+ orders?$"))
    oldest = tile.get_by_role("link", name=re.compile(r"^#\d+$")).first
    number = oldest.inner_text().lstrip("#")
    order_id = re.search(r"/staff/orders/([^/]+)/", oldest.get_attribute("href")).group(1)

    oldest.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order #{number}")
    page.get_by_label("Tracking number").fill("1Z-DASHBOARD-1")
    page.get_by_role("button", name="Ship all remaining items").click()
    expect(page.get_by_text("Shipped. The customer was e-mailed the tracking number.")).to_be_visible()
    expect(page.locator("#shipments")).to_contain_text("tracking 1Z-DASHBOARD-1")

    shipped = staff_api.execute("query($id: ID!) { order(id: $id) { number status } }", {"id": order_id})["order"]
    assert shipped == {"number": number, "status": "FULFILLED"}
    page.get_by_role("link", name="Dashboard", exact=True).click()
    count = to_ship_in_saleor(staff_api)
    expect(page.locator("#to-ship-count")).to_have_text(f"{count} order{'s' if count != 1 else ''}")
    expect(page.locator("#tile-to-ship").get_by_role("link", name=f"#{number}", exact=True)).to_have_count(0)
