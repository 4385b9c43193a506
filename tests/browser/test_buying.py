"""A buyer clicks through real pages in Chromium: product, cart, checkout, Stripe card form."""
import re
import time
import uuid

from playwright.sync_api import Page, expect

from deploy.runner.stack import Stack
from tests.checkout.buyer import DECLINED_CARD, GOOD_CARD, THREE_D_SECURE_CARD, stripe_client
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI


def fill_address(page: Page, email: str) -> None:
    # The form starts with the United States' fields: a state list and a ZIP code.
    page.get_by_label("E-mail").fill(email)
    expect(page.get_by_label("Country")).to_have_value("US")
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_label("Street address").fill("350 Fifth Avenue")
    page.get_by_label("City").fill("New York")
    page.get_by_label("State").select_option("NY")
    page.get_by_label("ZIP code").fill("10118")


def go_to_payment(page: Page, email: str) -> None:
    """Product page to the card form: one checkout page, which saves the address by itself once
    it is complete and then offers the address's shipping methods (the cheapest chosen)."""
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    page.get_by_role("link", name="Go to checkout").click()
    fill_address(page, email)
    standard = page.get_by_label(re.compile("Standard"))
    expect(standard).to_be_checked()
    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_have_text(f"Pay {page.locator('#summary-total').inner_text()}")


def enter_card(page: Page, number: str) -> None:
    # localstripe's stand-in card element: plain inputs named by their placeholders.
    card = page.locator("#card-element")
    card.get_by_placeholder("number").fill(number)
    card.get_by_placeholder("exp_month").fill("12")
    card.get_by_placeholder("exp_year").fill("34")
    card.get_by_placeholder("cvc").fill("123")
    card.get_by_placeholder("postal_code").fill("10118")


def buy_with_the_good_card(page: Page, email: str) -> tuple[str, float]:
    """Product page to the order page with the good card: the order's token, and the seconds
    from pressing Pay to the order page."""
    go_to_payment(page, email)
    enter_card(page, GOOD_CARD)
    started = time.monotonic()
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    expect(page.get_by_role("heading", name="Thank you — your order is placed")).to_be_visible()
    seconds = time.monotonic() - started
    match = re.search(r"/orders/([0-9a-f-]{36})/", page.url)
    assert match, page.url
    return match.group(1), seconds


def assert_one_paid_order(shop: Stack, staff_api: SaleorStaffAPI, mailbox: Mailbox, page: Page, email: str) -> None:
    expect(page.get_by_role("heading", name="Thank you — your order is placed")).to_be_visible()
    orders = staff_api.wait_for_orders(email)
    assert len(orders) == 1
    order = orders[0]
    assert order["paymentStatus"] == "FULLY_CHARGED"
    assert page.url.endswith(f"/orders/{order['token']}/?placed=1")
    # Every successful transaction of the order names the same PaymentIntent, captured in full.
    intents = [stripe_client(shop).v1.payment_intents.retrieve(i) for i in _intent_ids(staff_api, order)]
    assert [(intent.status, intent.amount) for intent in intents] == [("succeeded", 4400)]
    messages = mailbox.exactly(email, 1)
    assert f"/orders/{order['token']}/" in text_of(messages[0])


def _intent_ids(staff_api: SaleorStaffAPI, order: dict) -> set:
    data = staff_api.execute(
        "query($id: ID!) { order(id: $id) { payments { transactions { token isSuccess } } } }", {"id": order["id"]}
    )
    return {t["token"] for p in data["order"]["payments"] for t in p["transactions"] if t["isSuccess"]}


def new_email(label: str) -> str:
    return f"browser-{label}-{uuid.uuid4().hex[:6]}@example.com"


def test_buying_with_a_card_that_succeeds(page: Page, shop: Stack, staff_api: SaleorStaffAPI, mailbox: Mailbox):
    email = new_email("good")
    go_to_payment(page, email)
    enter_card(page, GOOD_CARD)

    page.get_by_role("button", name=re.compile("^Pay ")).click()

    assert_one_paid_order(shop, staff_api, mailbox, page, email)


def test_buying_with_a_card_that_needs_3d_secure(page: Page, shop: Stack, staff_api: SaleorStaffAPI, mailbox: Mailbox):
    email = new_email("3ds")
    go_to_payment(page, email)
    enter_card(page, THREE_D_SECURE_CARD)

    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.get_by_role("button", name="Complete authentication").click()

    assert_one_paid_order(shop, staff_api, mailbox, page, email)


def test_a_declined_card_shows_the_message_then_a_good_card_pays(
    page: Page, shop: Stack, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    email = new_email("declined")
    go_to_payment(page, email)
    enter_card(page, DECLINED_CARD)

    page.get_by_role("button", name=re.compile("^Pay ")).click()

    expect(page.locator("#card-errors")).to_contain_text("Your card was declined.")
    expect(page.get_by_text("1 × QL Claw")).to_be_visible()
    assert staff_api.orders_for(email) == []
    enter_card(page, GOOD_CARD)
    page.get_by_role("button", name=re.compile("^Pay ")).click()

    assert_one_paid_order(shop, staff_api, mailbox, page, email)


def test_choosing_another_country_shows_its_address_fields_and_keeps_what_was_typed(page: Page):
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Go to checkout").click()
    page.get_by_label("First name").fill("Emmy")
    expect(page.get_by_label("State")).to_be_visible()

    page.get_by_label("Country").select_option("DE")

    expect(page.get_by_label("Postal code")).to_be_visible()
    expect(page.get_by_label("State")).to_have_count(0)
    expect(page.get_by_label("First name")).to_have_value("Emmy")
    expect(page.get_by_role("button", name="Show the fields for this country")).to_be_hidden()
