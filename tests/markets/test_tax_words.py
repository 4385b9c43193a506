"""Each market is told about tax in its own words before paying: US sales tax at checkout, EU and
UK prices incl. VAT with the amount once the country is known, import duties due on delivery
for the rest of the world; the product page and a cart without an address cover every market."""
import re
from decimal import Decimal
from html import unescape

import httpx
import pytest
import yaml

from deploy.runner.layout import CATALOG_FILE
from markets.regions import EU_MEMBER_STATES
from tests.checkout.buyer import Buyer
from tests.markets.addresses import ADDRESSES, ready_to_pay_in
from withdrawals.markets import EEA_COUNTRIES

EVERY_MARKET = ("Sales tax (US) or VAT (EU, UK) is worked out at checkout for your address; elsewhere, import "
                "duties and taxes may be charged on delivery")
DUTIES = "Import duties and taxes may be charged on delivery"


def tax_note(html: str) -> str:
    match = re.search(r'<li id="tax-note">(.*?)</li>', unescape(html), re.S)
    assert match, "no tax note on the page"
    return match.group(1).strip()


def summary(html: str) -> str:
    match = re.search(r'<aside class="summary-box".*?</aside>', unescape(html), re.S)
    assert match, "no order summary on the page"
    return match.group(0)


def amount(html: str, element_id: str) -> Decimal:
    match = re.search(rf'id="{element_id}">\$([0-9,]+\.[0-9]{{2}})<', html)
    assert match, f"no {element_id}"
    return Decimal(match.group(1).replace(",", ""))


def test_the_product_page_and_an_addressless_cart_speak_for_every_market(browser_client: httpx.Client, buyer: Buyer):
    assert tax_note(browser_client.get("/products/ql-claw/").text) == EVERY_MARKET
    buyer.add_to_cart()
    assert tax_note(buyer.http.get("/cart/").text) == EVERY_MARKET + "."
    assert "No sales tax" not in buyer.http.get("/cart/").text


@pytest.mark.parametrize("country, words", [
    ("US", "Sales tax calculated at checkout."),
    ("JP", DUTIES + "."),
])
def test_the_cart_speaks_for_the_market_of_the_address_given(buyer: Buyer, country: str, words: str):
    buyer.add_to_cart()
    buyer.enter_details(**ADDRESSES[country])

    assert tax_note(buyer.http.get("/cart/").text) == words


@pytest.mark.parametrize("country", ["DE", "GB"])
def test_an_eu_or_uk_cart_says_incl_vat_with_the_amount(buyer: Buyer, country: str):
    buyer.add_to_cart()
    buyer.enter_details(**ADDRESSES[country])

    note = tax_note(buyer.http.get("/cart/").text)

    match = re.fullmatch(r"Prices incl\. VAT \(\$([0-9.]+) in this cart\)\.", note)
    assert match, note
    assert Decimal(match.group(1)) > 0


def test_a_us_checkout_adds_sales_tax_on_its_own_line(buyer: Buyer):
    ready_to_pay_in(buyer, "US")

    box = summary(buyer.http.get("/checkout/").text)

    assert "<dt>Sales tax</dt>" in box and "incl. VAT" not in box and DUTIES not in box
    assert amount(box, "summary-subtotal") + amount(box, "summary-shipping") + amount(box, "summary-tax") == \
        amount(box, "summary-total")


@pytest.mark.parametrize("country", ["DE", "GB"])
def test_an_eu_or_uk_checkout_shows_the_vat_inside_the_total(buyer: Buyer, country: str):
    ready_to_pay_in(buyer, country)

    box = summary(buyer.http.get("/checkout/").text)

    assert "<dt>incl. VAT</dt>" in box and "Sales tax" not in box and DUTIES not in box
    assert amount(box, "summary-subtotal") + amount(box, "summary-shipping") == amount(box, "summary-total")
    assert 0 < amount(box, "summary-tax") < amount(box, "summary-total")


def test_a_japanese_checkout_says_duties_are_due_on_delivery_beside_the_total(buyer: Buyer):
    ready_to_pay_in(buyer, "JP")

    box = summary(buyer.http.get("/checkout/").text)

    assert box.index('id="summary-total"') < box.index(DUTIES + ".")
    assert "Sales tax" not in box and "incl. VAT" not in box


def test_the_eu_market_is_the_27_member_states_and_withdrawal_law_covers_them():
    """EU VAT is charged in the member states; EU withdrawal law reaches the EEA beyond them."""
    eu = next(market for market in yaml.safe_load(CATALOG_FILE.read_text())["markets"] if market["code"] == "EU")
    assert set(eu["countries"]) == EU_MEMBER_STATES and len(EU_MEMBER_STATES) == 27
    assert "HU" in EEA_COUNTRIES and EEA_COUNTRIES - EU_MEMBER_STATES == {"IS", "LI", "NO"}
