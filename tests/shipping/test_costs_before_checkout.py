"""What shipping costs and how long it takes is shown before checkout: on the product page and
in the cart, from Saleor's zones, with the delivery estimates kept in the seed file. The
checkout names the tax for the buyer's market, and never doubles brackets."""
import re
from html import unescape

import httpx
import yaml

from deploy.runner.layout import CATALOG_FILE
from tests.checkout.buyer import Buyer


def rates_on(html: str) -> dict[str, tuple[str, str]]:
    """name -> (delivery, price) from the rate list a page shows."""
    block = re.search(r'<ul class="rate-list" id="shipping-rates">(.*?)</ul>', html, re.S)
    assert block, "no shipping rates on the page"
    rows = re.findall(r"<li><span><strong>(.*?)</strong>(?: · (.*?))?</span> <span class=\"rate-price\">(.*?)</span></li>", block.group(1))
    return {name: (delivery, price) for name, delivery, price in rows}


def seed_methods(market_name: str) -> dict[str, tuple[str, str]]:
    markets = yaml.safe_load(CATALOG_FILE.read_text())["markets"]
    market = next(market for market in markets if market["name"] == market_name)
    return {method["name"]: (method["delivery"], f"${method['price']}") for method in market["methods"]}


def test_the_product_page_shows_each_us_method_with_price_estimate_and_returns(browser_client: httpx.Client):
    page = unescape(browser_client.get("/products/ql-claw/").text)

    assert rates_on(page) == seed_methods("United States") == {
        "Standard": ("3–5 business days", "$5.00"), "Express": ("1–2 business days", "$15.00"),
    }
    buy = page.index('class="buy"')
    assert page.index("30-day returns") > buy and page.index("30-day returns") < page.index('id="shipping-rates"')
    assert 'href="/returns/"' in page and 'href="/shipping/"' in page


def test_the_cart_shows_shipping_prices_instead_of_calculated_at_checkout(buyer: Buyer):
    buyer.add_to_cart()

    page = unescape(buyer.http.get("/cart/").text)

    assert "calculated at checkout" not in page
    assert rates_on(page) == seed_methods("United States")
    assert "30-day returns" in page and "Sales tax (US) or VAT (EU, UK) is worked out at checkout" in page


def test_the_cart_shows_the_rates_for_the_address_already_given(buyer: Buyer):
    buyer.add_to_cart()
    buyer.enter_details(street_address_1="Unter den Linden 1", city="Berlin", postal_code="10117", country="DE", country_area="")

    page = unescape(buyer.http.get("/cart/").text)

    assert rates_on(page) == seed_methods("European Union") == {"EU Standard": ("7–14 business days", "$19.00")}


def test_checkout_names_methods_once_with_their_estimate_and_shows_the_sales_tax_line(buyer: Buyer):
    buyer.add_to_cart()
    buyer.enter_details()
    shipping_step = unescape(buyer.http.get("/checkout/").text)
    buyer.choose_shipping("Standard")

    payment_step = unescape(buyer.http.get("/checkout/").text)

    assert re.search(r"<span>Standard</span> <span class=\"muted\">3–5 business days</span>", shipping_step)
    assert "((" not in payment_step and "))" not in payment_step and "(3–5 business days))" not in payment_step
    assert re.search(r"Shipping: Standard <span class=\"muted\">\(3–5 business days\)</span>", payment_step)
    assert "Tax included" not in payment_step and "No sales tax" not in payment_step
    assert "<dt>Sales tax</dt>" in payment_step
