"""The cart page is served from the storefront's summary of the cart (cart/summary.py): a reload
asks Saleor nothing, and every change the storefront makes to the cart shows at once. A change
made behind the storefront's back (here: straight in Saleor's database) stays unseen until the
storefront itself changes the cart, which proves that change retired the summary."""
import base64
import json
import re
import zlib
from decimal import Decimal
from html import unescape

import pytest

from tests.checkout.buyer import Buyer
from tests.checkout.test_request_costs import calls
from tests.markets.addresses import ADDRESSES
from tests.markets.test_tax_words import tax_note


def subtotal(page_html: str) -> str:
    return re.search(r'id="cart-subtotal">([^<]+)<', page_html).group(1)


def cart_token(buyer: Buyer) -> str:
    """The cart's token, read from the buyer's signed session cookie (Django's signing format:
    base64 JSON, zlib-compressed when it starts with a dot)."""
    payload = buyer.http.cookies.get("sessionid").split(":")[0]
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
    return json.loads(zlib.decompress(raw) if payload.startswith(".") else raw)["cart_token"]


def set_quantity_in_saleor(buyer: Buyer, quantity: int) -> None:
    """A change the storefront does not see: the cart's line, straight in Saleor's database."""
    buyer.shop.saleor_manage("shell", "-c", (
        "from saleor.checkout.models import CheckoutLine; "
        f"CheckoutLine.objects.filter(checkout__token='{cart_token(buyer)}').update(quantity={quantity})"
    ))


def test_a_reload_asks_saleor_nothing_and_a_change_shows_at_once(buyer: Buyer):
    added = buyer.add_to_cart(2)
    assert subtotal(added.text) == "$78.00"

    reloaded = buyer.http.get("/cart/")
    again = buyer.http.get("/cart/")

    assert calls(reloaded) == 0 and calls(again) == 0
    assert subtotal(reloaded.text) == subtotal(again.text) == "$78.00"
    line = re.search(r'action="/cart/lines/([^/]+)/"', reloaded.text).group(1)
    changed = buyer.post_form("/cart/", f"/cart/lines/{line}/", {"quantity": 3})
    assert subtotal(changed.text) == "$117.00"
    assert calls(changed) == 0  # Saleor's answer to the change is the new summary
    assert subtotal(buyer.http.get("/cart/").text) == "$117.00"
    removed = buyer.post_form("/cart/", f"/cart/lines/{line}/remove/", {})
    assert "Your cart is empty." in removed.text
    assert "Your cart is empty." in buyer.http.get("/cart/").text


def _add(buyer: Buyer) -> None:
    buyer.add_to_cart(1)


def _address(buyer: Buyer) -> None:
    buyer.enter_details()


def _shipping_method(buyer: Buyer) -> None:
    buyer.choose_shipping("Express")


def _promo_code(buyer: Buyer) -> None:
    applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "WELCOME10"})
    assert "Your promo code was applied." in applied.text


def _promo_code_removed(buyer: Buyer) -> None:
    removed = buyer.post_form("/checkout/", "/checkout/promo-code/", {"remove": "1"})
    assert "The promo code was removed." in removed.text


# Each change, what comes before it, and the units the cart holds after it (3 set in Saleor).
CHANGES = {
    "add to cart": ((), _add, 4),
    "address": ((), _address, 3),
    "shipping method": ((_address,), _shipping_method, 3),
    "promo code": ((_address, _shipping_method), _promo_code, 3),
    "promo code removed": ((_address, _shipping_method, _promo_code), _promo_code_removed, 3),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_the_storefront_makes_retires_the_summary(buyer: Buyer, change: str):
    before, make_change, units = CHANGES[change]
    buyer.add_to_cart(1)
    for step in before:
        step(buyer)
    assert subtotal(buyer.http.get("/cart/").text) == "$39.00"
    set_quantity_in_saleor(buyer, 3)
    unseen = buyer.http.get("/cart/")
    assert subtotal(unseen.text) == "$39.00" and calls(unseen) == 0  # the summary, as designed

    make_change(buyer)

    page = buyer.http.get("/cart/")
    assert subtotal(page.text) == f"${39 * units}.00"


def test_an_order_retires_the_summary_of_its_cart(buyer: Buyer):
    buyer.ready_to_pay()
    assert subtotal(buyer.http.get("/cart/").text) == "$39.00"
    session_with_cart = buyer.http.cookies.get("sessionid")

    assert buyer.pay().url.path.startswith("/orders/")

    # The same session as before paying (a second tab, or the order made by a webhook): the
    # cart's summary is gone with the checkout, and the page says so instead of the old cart.
    buyer.http.cookies.set("sessionid", session_with_cart, domain="127.0.0.1")
    page = buyer.http.get("/cart/")
    assert "Your cart is empty." in page.text


def test_an_eu_cart_asks_saleor_for_its_vat_and_shows_it(buyer: Buyer):
    buyer.add_to_cart(1)
    buyer.enter_details(**ADDRESSES["DE"])
    buyer.add_to_cart(1)  # an add answers with the item count alone: the page asks Saleor again

    page = buyer.http.get("/cart/")

    note = tax_note(page.text)
    match = re.fullmatch(r"Prices incl\. VAT \(\$([0-9.]+) in this cart\)\.", note)
    assert match, note
    assert Decimal(match.group(1)) > 0
    assert calls(page) == 0  # the add's redirect already read it
    assert "Sales tax" not in unescape(page.text)


def test_a_change_saleor_refuses_retires_the_summary_so_the_page_shows_why(buyer: Buyer, staff_api, stock):
    buyer.add_to_cart(2)
    page = buyer.http.get("/cart/")
    assert "Only" not in page.text
    staff_api.set_available("QLC-001", 1)  # sold meanwhile; no purge, so the summary knows nothing
    line = re.search(r'action="/cart/lines/([^/]+)/"', page.text).group(1)

    refused = buyer.post_form("/cart/", f"/cart/lines/{line}/", {"quantity": 3})

    assert "We don't have that many in stock." in unescape(refused.text)
    assert "Only 1 left" in refused.text
