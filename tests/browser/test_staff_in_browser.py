"""The shop admin in Chromium: sign in, find orders placed through the real checkout, ship one
with a tracking number, refund part of another, cancel a third."""
import re

from playwright.sync_api import Page, expect

from deploy.runner.stack import Stack
from tests.checkout.buyer import stripe_client
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.authenticator import pass_second_factor_in_browser


def open_order(page: Page, number: str) -> None:
    """As the admin does: the order number in the search box opens that order."""
    page.goto("/staff/orders/")
    page.get_by_label("Status").select_option("")
    page.get_by_label(re.compile(r"^Search")).fill(number)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order #{number}")


def test_the_admin_ships_refunds_and_cancels_in_the_browser(
    page: Page, shop: Stack, place_order, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    to_ship, to_refund, to_cancel = place_order(), place_order(), place_order(quantity=2)

    page.goto("/staff/")
    expect(page).to_have_url(re.compile(r"/staff/sign-in/"))
    page.get_by_label("E-mail").fill(shop.staff_email)
    page.get_by_label("Password").fill(shop.staff_password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, shop.staff_email)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.goto("/staff/orders/")
    expect(page.get_by_role("link", name=f"#{to_ship['number']}")).to_be_visible()  # needs shipping, listed by default

    open_order(page, to_ship["number"])
    page.get_by_label("Tracking number").fill("1Z-BROWSER-42")
    page.get_by_role("button", name="Ship all remaining items").click()
    expect(page.get_by_text("Shipped. The customer was e-mailed the tracking number.")).to_be_visible()
    shipped_mail = [m for m in mailbox.wait_for(to_ship["userEmail"], count=2) if "on its way" in m["Subject"]]
    assert "1Z-BROWSER-42" in text_of(shipped_mail[0])
    assert staff_api.orders_for(to_ship["userEmail"])[0]["status"] == "FULFILLED"

    open_order(page, to_refund["number"])
    page.get_by_label("Amount to refund").fill("12.50")
    page.get_by_role("button", name="Refund", exact=True).click()
    expect(page.get_by_text("Refunded.", exact=True)).to_be_visible()
    payment = staff_api.orders_for(to_refund["userEmail"])[0]["payments"][0]
    assert payment["capturedAmount"]["amount"] == 31.5
    intent_id = re.search(r"Stripe (pi_\w+)", page.content()).group(1)
    assert [r.amount for r in stripe_client(shop).v1.refunds.list(params={"payment_intent": intent_id}).data] == [1250]

    available = staff_api.available("QLC-001")
    open_order(page, to_cancel["number"])
    page.get_by_label(re.compile("Yes, cancel this order")).check()
    page.get_by_role("button", name="Cancel order").click()
    expect(page.get_by_text(re.compile("^Canceled. The stock is back on sale"))).to_be_visible()
    assert staff_api.orders_for(to_cancel["userEmail"])[0]["status"] == "CANCELED"
    assert staff_api.available("QLC-001") == available + 2
