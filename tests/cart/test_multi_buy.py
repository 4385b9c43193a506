"""Two QL Claws for less (`multi_buy:` in the catalog file): added from the product page with one
button, priced by Saleor (a voucher with a minimum quantity the cart applies by itself), paid, and
the order's total is what the cart showed; a promo code replaces the saving only when it saves more.
The suite's storefront runs with MULTI_BUY_OFFER off (its tests price two units plainly): these
tests run a second storefront with the offer on, on the same Saleor and database."""
from __future__ import annotations

import re
import uuid
from decimal import Decimal
from html import unescape
from typing import Callable, Iterator

import pytest
import yaml

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.markets.test_tax_words import amount
from tests.saleor_api import SaleorStaffAPI
from tests.second_storefront import buyers_of, second_storefront

OFFER = yaml.safe_load((ROOT / "deploy" / "seed" / "catalog.yaml").read_text())["multi_buy"]
SAVING = Decimal(OFFER["amount_off"])


@pytest.fixture(scope="module")
def offer_on(shop: Stack) -> Iterator[str]:
    with second_storefront(shop, "multi-buy", {"MULTI_BUY_OFFER": "true"}) as url:
        yield url


@pytest.fixture
def offer_buyer(new_buyer, offer_on: str, stock) -> Callable[[], Buyer]:
    stock(100)  # the test database outlives a run; earlier runs may have sold the stock
    make = buyers_of(new_buyer, offer_on)
    return lambda: make(f"two-{uuid.uuid4().hex[:8]}@example.com")


def price(text: str) -> Decimal:
    """"$70.00" -> 70.00 (a figure inside a line of text)."""
    return Decimal(text.replace("$", "").replace(",", ""))


def cart_figures(buyer: Buyer) -> dict[str, Decimal]:
    page = buyer.http.get("/cart/").text
    figures = {"subtotal": amount(page, "cart-subtotal")}
    if discount := re.search(r'id="cart-discount">−([^<]+)<', page):
        figures["discount"] = price(discount.group(1))
    return figures


def test_two_added_with_one_button_are_priced_by_saleor_and_the_order_costs_what_the_cart_showed(
    offer_buyer, staff_api: SaleorStaffAPI
):
    buyer = offer_buyer()
    product = buyer.http.get("/products/ql-claw/").text
    unit = price(re.search(r'<span class="amount">([^<]+)</span>', product).group(1))
    pair = unit * OFFER["min_quantity"] - SAVING
    button = re.search(r'<form class="buy buy-more".*?</form>', product, re.S).group(0)
    assert f'name="quantity" value="{OFFER["min_quantity"]}"' in button
    assert f"Add {OFFER['min_quantity']} for ${pair:.2f}" in button and f"You save ${SAVING:.2f}" in button

    variant_id = re.search(r'name="variant_id" value="([^"]+)"', button).group(1)
    added = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": variant_id, "quantity": OFFER["min_quantity"]})
    assert added.url.path == "/cart/"
    assert cart_figures(buyer) == {"subtotal": unit * 2, "discount": SAVING}
    assert f"{OFFER['name']}: you save" in unescape(added.text)

    assert buyer.enter_details().url.path == "/checkout/"  # Oregon: no sales tax
    payment = buyer.choose_shipping()
    shipping, total = amount(payment.text, "summary-shipping"), amount(payment.text, "summary-total")
    assert total == pair + shipping and 'id="offer-applied"' in payment.text
    assert buyer.pay().url.path.startswith("/orders/")

    [order] = staff_api.wait_for_orders(buyer.email)
    assert Decimal(str(order["total"]["gross"]["amount"])) == total
    [payment_record] = order["payments"]
    assert Decimal(str(payment_record["capturedAmount"]["amount"])) == total


def test_a_promo_code_replaces_the_saving_only_when_it_saves_more_and_removing_it_brings_the_saving_back(offer_buyer):
    buyer = offer_buyer()
    buyer.add_to_cart(2)
    buyer.enter_details()
    buyer.choose_shipping()
    # WELCOME10 on two claws saves less than the pair's saving: refused in words, the saving kept.
    kept = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "welcome10"})
    assert "so we kept that saving" in unescape(kept.text) and 'id="offer-applied"' in kept.text
    assert cart_figures(buyer)["discount"] == SAVING

    # Three claws: 10 % is more than the pair's saving, so the code replaces it.
    cart = buyer.http.get("/cart/").text
    line_id = re.search(r'action="/cart/lines/([^/"]+)/"', cart).group(1)
    buyer.post_form("/cart/", f"/cart/lines/{line_id}/", {"quantity": 3})
    figures = cart_figures(buyer)
    assert figures["discount"] == SAVING
    replaced = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "WELCOME10"})
    assert "Promo code <strong>WELCOME10</strong> applied" in replaced.text and 'id="offer-applied"' not in replaced.text
    assert cart_figures(buyer)["discount"] == (figures["subtotal"] / 10).quantize(Decimal("0.01"))

    # The code removed: the pair's saving is back by itself.
    back = buyer.post_form("/checkout/", "/checkout/promo-code/", {"remove": "1"})
    assert 'id="offer-applied"' in back.text
    assert cart_figures(buyer)["discount"] == SAVING


def test_one_claw_gets_no_saving_but_is_told_how_to_get_it(offer_buyer):
    buyer = offer_buyer()
    buyer.add_to_cart(2)
    assert cart_figures(buyer)["discount"] == SAVING
    cart = buyer.http.get("/cart/").text
    line_id = re.search(r'action="/cart/lines/([^/"]+)/"', cart).group(1)
    buyer.post_form("/cart/", f"/cart/lines/{line_id}/", {"quantity": 1})
    page = buyer.http.get("/cart/").text
    assert "discount" not in cart_figures(buyer)  # Saleor dropped the voucher below two
    unit = amount(page, "cart-subtotal")
    nudge = unescape(re.search(r'id="offer-nudge">([^<]+)<', page).group(1))
    assert nudge == f"Add 1 more and save ${SAVING:.2f}: 2 for ${unit * 2 - SAVING:.2f}."
