"""The cart is a Saleor checkout kept in a signed, HttpOnly session cookie."""
import base64
import re
from html import unescape

from tests.checkout.buyer import Buyer
from tests.checkout.test_request_costs import calls


def subtotal(page_html: str) -> str:
    return re.search(r'id="cart-subtotal">([^<]+)<', page_html).group(1)


def line_id(page_html: str) -> str:
    return re.search(r'action="/cart/lines/([^/]+)/"', page_html).group(1)


def test_adding_changing_and_removing_the_claw(buyer: Buyer):
    added = buyer.add_to_cart(2)
    assert added.url.path == "/cart/"
    assert "Added to your cart." in added.text
    assert subtotal(added.text) == "$78.00"
    assert '<span class="badge">2' in added.text

    line = line_id(added.text)
    changed = buyer.post_form("/cart/", f"/cart/lines/{line}/", {"quantity": 3})
    assert subtotal(changed.text) == "$117.00"

    removed = buyer.post_form("/cart/", f"/cart/lines/{line}/remove/", {})
    assert "The item was removed from your cart." in removed.text
    assert "Your cart is empty." in removed.text


def test_the_cart_cookie_is_signed_http_only_and_outlives_the_browser(buyer: Buyer):
    response = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": buyer.product_variant_id(), "quantity": 1}, follow=False)
    cookie = response.headers["set-cookie"]

    assert "HttpOnly" in cookie
    assert "Max-Age=2592000" in cookie  # 30 days: closing the browser keeps the cart
    assert "SameSite=Lax" in cookie
    assert buyer.http.cookies.get("sessionid").count(":") >= 2  # signed, not a bare token


def test_a_tampered_cart_cookie_is_ignored(buyer: Buyer):
    buyer.add_to_cart(1)
    buyer.http.cookies.set("sessionid", buyer.http.cookies.get("sessionid")[:-3] + "abc", domain="127.0.0.1")

    page = buyer.http.get("/cart/")

    assert "Your cart is empty." in page.text


def test_more_than_is_in_stock_is_refused_in_plain_words(buyer: Buyer, stock):
    stock(3)

    page = buyer.add_to_cart(4)

    assert "We don't have that many in stock. Please choose a smaller quantity." in unescape(page.text)
    assert "Your cart is empty." in page.text


def test_quantities_outside_the_limits_are_refused(buyer: Buyer):
    assert "Please choose a quantity of at least 1." in buyer.add_to_cart(0).text
    assert "You can buy at most 50 at a time." in buyer.add_to_cart(51).text
    assert "Please enter a whole number." in buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": buyer.product_variant_id(), "quantity": "two"}).text


def test_a_made_up_item_is_refused_in_plain_words(buyer: Buyer):
    buyer.add_to_cart(1)  # a cart to add to, as well as none
    for made_up in ("Zm9v", "garbage", base64.b64encode(b"ProductVariant:abc").decode(),
                    base64.b64encode(b"Checkout:1").decode(), "\u00e9t\u00e9"):
        response = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": made_up, "quantity": 1}, follow=False)
        assert response.status_code == 302, made_up
        page = buyer.http.get(response.headers["location"])
        assert "That item is no longer available. Please reload the page." in unescape(page.text), made_up
    assert buyer.http.get("/cart/").status_code == 200


def test_a_variant_id_with_unicode_digits_is_plain_not_found_without_asking_saleor(buyer: Buyer):
    buyer.add_to_cart(1)
    for made_up in ("ProductVariant:\u00b2", "ProductVariant:\u0661", "ProductVariant:\uff11"):
        variant_id = base64.b64encode(made_up.encode()).decode()
        response = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": variant_id, "quantity": 1}, follow=False)
        assert response.status_code == 302, made_up
        assert calls(response) == 0, made_up  # refused before any Saleor call
        page = buyer.http.get(response.headers["location"])
        assert page.status_code == 200
        assert "That item is no longer available. Please reload the page." in unescape(page.text), made_up


def test_sold_out_is_shown_not_hidden(buyer: Buyer, stock):
    assert "Add to cart" in buyer.http.get("/products/ql-claw/").text  # the product is in the catalog cache

    stock(0)  # the stock fixture purges the catalog cache, as the staff stock page does

    page = buyer.http.get("/products/ql-claw/")
    assert page.status_code == 200
    assert "Sold out" in page.text
    assert 'action="/cart/add/"' not in page.text


PUBLISHED = "from saleor.product.models import Product; Product.objects.filter(slug='ql-claw').update(is_published={})"


def test_a_cart_holding_an_unpublished_product_shows_the_line_marked_and_lets_it_be_removed(buyer: Buyer, purge_catalog):
    buyer.add_to_cart(2)
    buyer.shop.saleor_manage("shell", "-c", PUBLISHED.format(False))
    # A change to the catalog reaches the shop with a purge, which retires every cart's summary
    # too (without one, the summary shows it within CART_SUMMARY_SECONDS).
    purge_catalog()
    try:
        page = buyer.http.get("/cart/")

        assert page.status_code == 200
        assert "No longer available: please remove it to check out" in page.text
        remove = re.search(r'action="(/cart/lines/[^/]+/remove/)"', page.text).group(1)
        refused = buyer.post_form("/cart/", "/checkout/pay/", {"payment_token": "tok_visa"})
        assert refused.url.path == "/cart/"
        assert "An item in your cart is no longer sold. Please remove it, then check out again." in unescape(refused.text)
        removed = buyer.post_form("/cart/", remove, {})
        assert "The item was removed from your cart." in removed.text
        assert "Your cart is empty." in removed.text
    finally:
        buyer.shop.saleor_manage("shell", "-c", PUBLISHED.format(True))
        purge_catalog()
