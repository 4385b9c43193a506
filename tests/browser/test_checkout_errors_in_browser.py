"""On a phone (390×844), errors are shown where the buyer looks. A refused payment: at the card
field, inside the screen, announced, with focus on the card and the card form as it was; Back
after a refusal shows the checkout, never the browser's "resubmit the form" error. An address
form sent empty: every error at once, a summary linking to each field, focus on the first."""
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.browser.test_buying import enter_card, go_to_payment, new_email
from tests.checkout.buyer import DECLINED_CARD, THREE_D_SECURE_CARD, card_token
from tests.saleor_api import SaleorStaffAPI

PHONE = {"width": 390, "height": 844}
# What the buyer sees at each refusal, to be looked at.
SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "checkout-errors"


def keep_screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"390-{name}.png"))


def phone_page(browser: Browser, shop: Stack) -> Page:
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", viewport=PHONE)
    context.set_default_timeout(15_000)
    return context.new_page()


def assert_refusal_at_the_card(page: Page, words: re.Pattern) -> None:
    errors = page.locator("#card-errors")
    expect(errors).to_have_text(words)
    expect(errors).to_have_attribute("role", "alert")
    box = errors.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], f"message outside the screen: {box}"
    assert page.evaluate("document.activeElement.closest('#card-element') !== null"), "focus is not on the card field"


def test_a_declined_card_is_shown_in_place_at_the_card_field(browser: Browser, shop: Stack, staff_api: SaleorStaffAPI):
    page = phone_page(browser, shop)
    email = new_email("phone-declined")
    go_to_payment(page, email)
    enter_card(page, DECLINED_CARD)
    page.evaluate("window.samePage = true")  # gone if the page reloaded

    page.get_by_role("button", name=re.compile("^Pay ")).click()

    assert_refusal_at_the_card(page, re.compile(r"^Your card was declined\. Please try another card, or contact your bank"))
    keep_screenshot(page, "declined")
    assert page.evaluate("window.samePage === true")
    expect(page.locator("#card-element").get_by_placeholder("number")).to_have_value(DECLINED_CARD)
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_be_enabled()
    assert staff_api.orders_for(email) == []
    page.context.close()


def test_a_failed_3d_secure_is_shown_in_place_at_the_card_field(browser: Browser, shop: Stack, staff_api: SaleorStaffAPI):
    page = phone_page(browser, shop)
    email = new_email("phone-3ds-failed")
    go_to_payment(page, email)
    enter_card(page, THREE_D_SECURE_CARD)
    page.evaluate("window.samePage = true")

    page.get_by_role("button", name=re.compile("^Pay ")).click()
    page.get_by_role("button", name="Fail authentication").click()

    assert_refusal_at_the_card(page, re.compile(r"^Your bank did not confirm the payment.*try another card, or contact your bank"))
    keep_screenshot(page, "3d-secure-failed")
    assert page.evaluate("window.samePage === true")
    expect(page.locator("#card-element").get_by_placeholder("number")).to_have_value(THREE_D_SECURE_CARD)
    assert staff_api.orders_for(email) == []
    page.context.close()


def test_back_after_a_decline_shows_the_checkout(browser: Browser, shop: Stack):
    page = phone_page(browser, shop)
    go_to_payment(page, new_email("phone-back"))
    # The Pay form sent as a plain form POST (as without the in-place script): the answer is
    # a redirect, so the history holds only pages fetched with GET.
    token = card_token(shop, DECLINED_CARD)
    with page.expect_navigation():
        page.evaluate("""token => {
            const form = document.getElementById("payment-form");
            form.elements.payment_token.value = token;
            HTMLFormElement.prototype.submit.call(form);
        }""", token)
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/checkout/$"))
    assert_refusal_at_the_card(page, re.compile(r"^Your card was declined\."))
    page.get_by_role("link", name="Back to cart").click()
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()

    page.go_back()

    expect(page.get_by_role("heading", name="Pay by card")).to_be_visible()
    expect(page.locator("#card-errors")).to_have_text("")  # shown once, not on every visit
    page.context.close()


def test_an_empty_address_form_gets_every_error_in_one_round_with_a_summary(browser: Browser, shop: Stack):
    page = phone_page(browser, shop)
    page.goto("/products/ql-claw/")
    page.get_by_role("button", name="Add to cart").click()
    page.get_by_role("link", name="Go to checkout").click()
    expect(page.get_by_role("button", name=re.compile("^Pay "))).to_be_visible()
    page.evaluate("window.samePage = true")

    page.get_by_role("button", name=re.compile("^Pay ")).click()

    summary = page.locator("#error-summary")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("link")).to_have_text([
        "E-mail: Please enter your e-mail address.",
        "First name: Please fill in this field.",
        "Last name: Please fill in this field.",
        "Street address: Please fill in this field.",
        "City: Please fill in this field.",
        "State: This field is required for the chosen country.",
        "ZIP code: Please fill in this field.",
    ])
    expect(page.get_by_label("E-mail")).to_be_focused()
    keep_screenshot(page, "empty-address-form")
    box = summary.bounding_box()
    assert box and box["y"] < PHONE["height"], "the summary is below the first screen"
    assert page.evaluate("window.samePage === true"), "the errors came with a page load"
    expect(page.locator("#card-element")).to_be_visible()
    summary.get_by_role("link", name=re.compile("^ZIP code")).click()
    expect(page.get_by_label("ZIP code")).to_be_focused()
    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    page.context.close()


def test_the_promo_code_field_opens_from_have_a_promo_code_and_stays_open_for_a_refused_code(browser: Browser, shop: Stack):
    page = phone_page(browser, shop)
    go_to_payment(page, new_email("phone-promo"))
    code = page.get_by_label("Promo code")
    expect(code).to_be_hidden()

    page.get_by_text("Have a promo code?").click()
    code.fill("save20")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_text("We don't recognise this code. Please check it and try again.")).to_be_visible()
    expect(page.get_by_label("Promo code")).to_have_value("save20")
    page.get_by_label("Promo code").fill(" welcome10 ")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Promo code WELCOME10 applied.")).to_be_visible()
    expect(page.locator("#summary-total")).to_have_text("$40.10")
    page.context.close()
