"""The address step lists only the countries in a market, and refuses a sanctioned destination
in plain words without touching the checkout in Saleor."""
import re
from html import unescape

import yaml

from deploy.runner.layout import CATALOG_FILE
from tests.checkout.buyer import Buyer
from tests.checkout.test_payment import buyer_checkout_token
from tests.markets.addresses import ADDRESSES
from tests.saleor_api import SaleorStaffAPI

SANCTIONED_WORDS = "the shop does not sell to countries under sanctions or embargoes"


def catalog() -> dict:
    return yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))


def country_options(html: str) -> set[str]:
    select = re.search(r'<select name="country".*?</select>', html, re.S)
    assert select, "no country select on the page"
    return set(re.findall(r'<option value="([A-Z]{2})"', select.group(0)))


def saleor_checkout(staff_api: SaleorStaffAPI, token: str) -> dict:
    return staff_api.execute(
        "query($t: UUID!) { checkout(token: $t) { email shippingAddress { firstName country { code } } "
        "billingAddress { firstName country { code } } } }", {"t": token})["checkout"]


def test_the_country_list_holds_every_market_country_and_nothing_else(buyer: Buyer):
    buyer.add_to_cart()

    offered = country_options(buyer.http.get("/checkout/").text)

    sold_to = {country for market in catalog()["markets"] for country in market["countries"]}
    assert offered == sold_to
    assert {"US", "DE", "GB", "JP"} <= offered
    assert not offered & set(catalog()["sanctioned"])


def test_a_sanctioned_country_is_refused_in_words_and_the_checkout_is_not_changed(
    buyer: Buyer, staff_api: SaleorStaffAPI
):
    buyer.add_to_cart()
    assert buyer.enter_details(**ADDRESSES["DE"]).url.path == "/checkout/"
    token = buyer_checkout_token(buyer)
    before = saleor_checkout(staff_api, token)
    assert before["shippingAddress"]["country"]["code"] == "DE"

    for country in catalog()["sanctioned"]:
        answer = buyer.enter_details(**{**ADDRESSES["DE"], "country": country, "first_name": "Changed"},
                                     email="changed@example.com")

        assert answer.status_code == 200 and answer.url.path == "/checkout/", country
        text = unescape(answer.text)
        assert SANCTIONED_WORDS in text and "Please give an address in another country." in text, country
        assert saleor_checkout(staff_api, token) == before, country
    assert "We can't ship to Russia:" in unescape(buyer.enter_details(**{**ADDRESSES["DE"], "country": "RU"}).text)
