"""The checkout steps refuse bad input with messages next to the right field."""
import re
from html import unescape

import pytest

from tests.checkout.buyer import Buyer


def field_error(page_html: str, field: str) -> str:
    """The error text Django renders for a field (ul.errorlist inside the field's block)."""
    block = re.search(rf'<div>\s*<label for="id_{field}".*?</div>', page_html, re.S)
    assert block, f"no field {field} on the page"
    errors = re.findall(r'<ul class="errorlist"[^>]*>\s*<li>(.*?)</li>', block.group(0), re.S)
    return " ".join(errors)


@pytest.fixture
def buyer_at_details(buyer: Buyer) -> Buyer:
    buyer.add_to_cart()
    return buyer


def test_checkout_with_an_empty_cart_is_refused(buyer: Buyer):
    # A cart that had something and was emptied: the visitor holds a session and a CSRF token.
    buyer.add_to_cart()
    line = re.search(r'action="/cart/lines/([^/]+)/"', buyer.http.get("/cart/").text).group(1)
    buyer.post_form("/cart/", f"/cart/lines/{line}/remove/", {})
    for step in ("/checkout/", "/checkout/shipping/", "/checkout/payment/"):
        page = buyer.http.get(step, follow_redirects=True)
        assert page.url.path == "/cart/"
        assert "Your cart is empty. Add the QL Claw before checking out." in page.text
    refused = buyer.post_form("/cart/", "/checkout/pay/", {"payment_token": "tok_123"})
    assert refused.url.path == "/cart/"


def test_an_invalid_email_is_refused_next_to_the_field(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(email="not-an-email")

    assert page.url.path == "/checkout/"
    assert "Please enter a valid e-mail address" in field_error(unescape(page.text), "email")


def test_a_missing_street_address_is_refused_next_to_the_field(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(street_address_1="")

    assert page.url.path == "/checkout/"
    assert "Please fill in this field." in field_error(unescape(page.text), "street_address_1")


def test_a_postal_code_that_does_not_fit_the_country_is_refused_by_saleor(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(postal_code="ABC-DEF")

    assert page.url.path == "/checkout/"
    assert "postal code doesn't match the format used in the chosen country" in field_error(unescape(page.text), "postal_code")


def test_a_us_address_without_a_state_is_refused(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(country_area="")

    assert "This field is required for the chosen country." in field_error(unescape(page.text), "country_area")


def test_an_unknown_country_is_refused(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(country="XX")

    assert "We can't ship to this country. Please choose one from the list." in field_error(unescape(page.text), "country")


def test_a_valid_german_address_reaches_international_shipping(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(
        street_address_1="Unter den Linden 1", city="Berlin", postal_code="10117", country="DE", country_area=""
    )

    assert page.url.path == "/checkout/shipping/"
    assert "<span>International</span>" in page.text and "7–14 business days" in page.text
    assert "<span>Standard</span>" not in page.text


def test_payment_step_needs_a_shipping_method_first(buyer_at_details: Buyer):
    buyer_at_details.enter_details()

    page = buyer_at_details.http.get("/checkout/payment/", follow_redirects=True)

    assert page.url.path == "/checkout/shipping/"


def test_an_unknown_shipping_method_is_refused(buyer_at_details: Buyer):
    buyer_at_details.enter_details()

    page = buyer_at_details.post_form("/checkout/shipping/", "/checkout/shipping/", {"shipping_method": "U2hpcHBpbmdNZXRob2Q6OTk5"})

    assert page.url.path == "/checkout/shipping/"
    assert "Please choose one of the shipping methods shown." in page.text


def test_a_wrong_promo_code_is_refused_with_a_message(buyer_at_details: Buyer):
    buyer_at_details.enter_details()
    buyer_at_details.choose_shipping()

    page = buyer_at_details.post_form("/checkout/payment/", "/checkout/promo-code/", {"code": "NOSUCHCODE"})

    assert page.status_code == 400
    assert "We don't recognise this code" in unescape(page.text)


def test_a_malformed_payment_token_is_refused(buyer_at_details: Buyer):
    buyer_at_details.enter_details()
    buyer_at_details.choose_shipping()

    page = buyer_at_details.post_form("/checkout/payment/", "/checkout/pay/", {"payment_token": "<script>"})

    assert page.status_code == 400
    assert "Please enter your card details again." in page.text


def test_only_the_payment_step_lets_stripes_frames_ask_for_payment(buyer: Buyer):
    buyer.ready_to_pay()

    payment = buyer.http.get("/checkout/payment/")
    cart = buyer.http.get("/cart/")

    assert re.search(r'payment=\(self "[^"]+"', payment.headers["permissions-policy"])
    assert "camera=()" in payment.headers["permissions-policy"]
    assert "payment=()" in cart.headers["permissions-policy"]
