"""The checkout steps refuse bad input with messages next to the right field."""
import base64
import re
import zlib
from html import unescape

import pytest

from tests.checkout.buyer import US_ADDRESS, Buyer


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
    assert "ZIP code doesn't match the format used in the chosen country (e.g. 95014)" in field_error(unescape(page.text), "postal_code")


def test_an_empty_form_gets_every_error_at_once_with_a_summary_linking_to_each_field(buyer_at_details: Buyer):
    empty = {name: "" for name in ("email", "first_name", "last_name", "street_address_1", "city", "country_area", "postal_code")}

    sent = buyer_at_details.post_form("/checkout/", "/checkout/", {**empty, "country": "US"}, follow=False)

    assert sent.status_code == 302 and sent.headers["location"] == "/checkout/"  # POST/redirect/GET
    page = unescape(buyer_at_details.http.get("/checkout/").text)
    summary = re.search(r'<div class="notice-error error-summary" id="error-summary" role="alert".*?</div>', page, re.S).group(0)
    links = re.findall(r'<a href="#id_(\w+)">', summary)
    assert links == ["email", "first_name", "last_name", "street_address_1", "city", "country_area", "postal_code"]
    assert "Please correct these 7 things" in summary
    assert "Please enter your e-mail address." in field_error(page, "email")
    assert "This field is required for the chosen country." in field_error(page, "country_area")
    assert re.search(r'<input type="email" name="email"[^>]*autofocus', page)
    assert page.count("autofocus") == 1
    # Shown once: a reload is a fresh form.
    assert "error-summary" not in buyer_at_details.http.get("/checkout/").text


def test_an_email_error_and_a_postal_code_error_come_in_the_same_round(buyer_at_details: Buyer):
    page = unescape(buyer_at_details.enter_details(email="not-an-email", postal_code="ABC-DEF").text)

    assert "Please enter a valid e-mail address" in field_error(page, "email")
    assert "ZIP code doesn't match the format used in the chosen country" in field_error(page, "postal_code")


def test_a_valid_zip_code_in_another_state_is_told_exactly_that(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(postal_code="94043", country_area="NY")  # Mountain View, CA

    assert page.url.path == "/checkout/"
    assert "This ZIP code is not in the chosen state. Please check the ZIP code and the state." in field_error(
        unescape(page.text), "postal_code")


def test_a_japanese_address_has_a_city_or_ward_field_that_reaches_the_label(buyer_at_details: Buyer):
    form = buyer_at_details.post_form("/checkout/", "/checkout/", {"country": "JP", "change_country": "1"})
    assert '<label for="id_city">City / ward:</label>' in form.text
    assert 'name="street_address_2"' not in form.text

    page = buyer_at_details.enter_details(
        country="JP", country_area="東京都", city="Shibuya-ku", street_address_1="1-2-3 Jingumae",
        street_address_2="", postal_code="150-0001",
    )

    assert page.url.path == "/checkout/"
    # Read back from Saleor, where the city/ward is the second street line.
    assert 'name="city" value="Shibuya-ku"' in page.text
    assert 'name="street_address_1" value="1-2-3 Jingumae"' in page.text
    assert re.search(r'checked required>\s*<span>International</span>', page.text)


def test_a_us_address_without_a_state_is_refused(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(country_area="")

    assert "This field is required for the chosen country." in field_error(unescape(page.text), "country_area")


def test_an_unknown_country_is_refused(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(country="XX")

    assert "We can't ship to this country. Please choose one from the list." in field_error(unescape(page.text), "country")


def test_a_valid_german_address_reaches_eu_shipping(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details(
        street_address_1="Unter den Linden 1", city="Berlin", postal_code="10117", country="DE", country_area=""
    )

    assert page.url.path == "/checkout/"
    assert "<span>EU Standard</span>" in page.text and "7–14 business days" in page.text
    assert "<span>Standard</span>" not in page.text and "<span>International</span>" not in page.text


def test_the_old_step_addresses_lead_to_the_one_checkout_page(buyer_at_details: Buyer):
    for old in ("/checkout/shipping/", "/checkout/payment/"):
        answer = buyer_at_details.http.get(old)
        assert answer.status_code == 302 and answer.headers["location"] == "/checkout/"
    page = buyer_at_details.http.get("/checkout/")
    assert 'id="details-form"' in page.text and 'id="payment-form"' in page.text


def test_an_unknown_shipping_method_is_refused(buyer_at_details: Buyer):
    buyer_at_details.enter_details()

    page = buyer_at_details.post_form("/checkout/", "/checkout/shipping/", {"shipping_method": "U2hpcHBpbmdNZXRob2Q6OTk5"})

    assert page.url.path == "/checkout/"
    assert "Please choose one of the shipping methods shown." in page.text


def test_a_wrong_promo_code_is_refused_with_a_message(buyer_at_details: Buyer):
    buyer_at_details.enter_details()
    buyer_at_details.choose_shipping()

    page = buyer_at_details.post_form("/checkout/", "/checkout/promo-code/", {"code": "NOSUCHCODE"})

    assert page.url.path == "/checkout/"
    assert "We don't recognise this code" in field_error(unescape(page.text), "code")
    assert 'value="NOSUCHCODE"' in page.text


def test_a_malformed_payment_token_is_refused(buyer_at_details: Buyer):
    buyer_at_details.enter_details()
    buyer_at_details.choose_shipping()

    page = buyer_at_details.post_form("/checkout/", "/checkout/pay/", {"payment_token": "<script>"})

    assert page.status_code == 400
    assert "Please enter your card details again." in page.text


def test_only_the_pages_that_take_a_payment_let_stripes_frames_ask_for_payment(buyer: Buyer):
    buyer.ready_to_pay()

    # The card form, and the wallet button on the cart and the product page.
    for page in (buyer.http.get("/checkout/"), buyer.http.get("/cart/"), buyer.http.get("/products/ql-claw/")):
        assert re.search(r'payment=\(self "[^"]+"', page.headers["permissions-policy"]), page.url
        assert "camera=()" in page.headers["permissions-policy"]
    for path in ("/", "/guide/", "/orders/find/"):
        assert "payment=()" in buyer.http.get(path).headers["permissions-policy"], path


def test_the_cheapest_shipping_method_for_the_country_is_preselected(buyer_at_details: Buyer):
    page = buyer_at_details.enter_details()

    checked = re.findall(r'<input type="radio" name="shipping_method" value="[^"]+" checked required>\s*<span>([^<]+)</span>', page.text)
    assert checked == ["Standard"]  # $5.00, before Express at $15.00
    # Saved with the address: the summary and the Pay button already count its $5.00.
    assert re.search(r'<dd id="summary-shipping">\$5\.00</dd>', page.text)
    assert re.search(r'<button id="pay-button"[^>]*>Pay \$44\.00</button>', page.text)


def test_checkout_pages_show_the_checkout_chrome_without_the_site_menu(buyer: Buyer):
    buyer.ready_to_pay()

    for step in ("/checkout/", "/checkout/shipping/", "/checkout/payment/"):
        page = buyer.http.get(step, follow_redirects=True).text
        assert "Secure checkout" in page
        assert re.search(r'<a class="nav-cart" href="/cart/">Back to cart</a>', page)
        assert 'aria-label="Main"' not in page and "<summary>Menu</summary>" not in page
    assert 'aria-label="Main"' in buyer.http.get("/cart/").text


def test_a_brazilian_address_has_a_neighborhood_field_that_reaches_the_label(buyer_at_details: Buyer):
    form = buyer_at_details.post_form("/checkout/", "/checkout/", {"country": "BR", "change_country": "1"})
    assert '<label for="id_city_area">Neighborhood (optional):</label>' in form.text

    page = buyer_at_details.enter_details(
        country="BR", country_area="SP", city="São Paulo", city_area="Bela Vista", street_address_1="Av. Paulista 1000",
        postal_code="01310-100",
    )

    assert page.url.path == "/checkout/"
    assert 'name="city_area" value="Bela Vista"' in page.text  # read back from Saleor


def session_cookie_payload(buyer: Buyer) -> str:
    """What the signed session cookie says: signed, not encrypted, so anyone holding it can read it."""
    value = buyer.http.cookies.get("sessionid", "")
    payload = value.split(":")[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def test_a_refused_address_is_kept_by_the_shop_not_in_the_session_cookie(buyer_at_details: Buyer):
    street = "Flat 42, Quince Yard " + "x" * 150

    sent = buyer_at_details.post_form("/checkout/", "/checkout/", {**US_ADDRESS, "email": "not-an-email",
                                                                  "street_address_1": street}, follow=False)

    assert sent.status_code == 302
    assert "Quince Yard" not in session_cookie_payload(buyer_at_details)
    page = buyer_at_details.http.get(sent.headers["location"])
    assert "Please enter a valid e-mail address" in field_error(unescape(page.text), "email")
    assert 'value="Flat 42, Quince Yard' in unescape(page.text)
    # Shown once: a reload starts from what the cart holds.
    assert "Quince Yard" not in buyer_at_details.http.get("/checkout/").text


def test_the_checkout_shows_what_the_buyer_will_pay_above_the_form(buyer: Buyer):
    """The phone's summary bar (hidden on wide screens by CSS) gives the same figure as the summary box."""
    def bar_and_box(path: str) -> tuple[str, str, str]:
        page = buyer.http.get(path).text
        bar = re.search(r'<p class="summary-bar" id="summary-bar"><span>(.*?) <strong>([^<]+)</strong>', page, re.S)
        box = re.search(r'<dd id="summary-total">([^<]+)</dd>', page)
        assert bar and box, path
        assert page.index('id="summary-bar"') < page.index("<form"), "the bar comes before the step's form"
        return unescape(bar.group(1)), bar.group(2), box.group(1)

    buyer.add_to_cart(2)
    words, bar, box = bar_and_box("/checkout/")
    assert words == "2 items · So far" and bar == box
    assert buyer.enter_details().url.path == "/checkout/"
    words, bar, box = bar_and_box("/checkout/")
    assert words == "2 items · Total" and bar == box and f"Pay {box}" in buyer.http.get("/checkout/").text
