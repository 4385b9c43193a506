"""One buyer's address per market, and the shipping method each market offers."""
from __future__ import annotations

from tests.checkout.buyer import Buyer

ADDRESSES = {
    "US": dict(first_name="Ada", last_name="Lovelace", street_address_1="1600 Amphitheatre Parkway",
               city="Mountain View", postal_code="94043", country="US", country_area="CA"),
    "DE": dict(first_name="Emmy", last_name="Noether", street_address_1="Unter den Linden 6", city="Berlin",
               postal_code="10117", country="DE", country_area=""),
    "GB": dict(first_name="Ada", last_name="Lovelace", street_address_1="12 St James's Square", city="London",
               postal_code="SW1Y 4LB", country="GB", country_area=""),
    "JP": dict(first_name="Hideki", last_name="Yukawa", street_address_1="1-1 Chiyoda", city="Chiyoda-ku",
               postal_code="100-8111", country="JP", country_area="東京都"),
}
METHODS = {"US": "Standard", "DE": "EU Standard", "GB": "UK Standard", "JP": "International"}


def ready_to_pay_in(buyer: Buyer, country: str, quantity: int = 1) -> None:
    buyer.add_to_cart(quantity)
    assert buyer.enter_details(**ADDRESSES[country]).url.path == "/checkout/"
    assert buyer.choose_shipping(METHODS[country]).url.path == "/checkout/"
