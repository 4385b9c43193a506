"""The shop's policy pages (returns, shipping, privacy, terms, contact): they render, name the
seller from settings, are linked from every page's footer and listed in the sitemap, and the
shipping page's prices are Saleor's."""
import json
import re
import subprocess
import uuid
from decimal import Decimal

import httpx
import pytest

from deploy.runner.layout import STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack
from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI

POLICY_PATHS = ["/returns/", "/shipping/", "/privacy/", "/terms/", "/contact/"]
# The runner sets no company facts, so the storefront shows the made-up local defaults.
COMPANY = {
    "legal name": "QL Claw Example LLC",
    "street": "100 Example Street, Suite 0",
    "e-mail": "hello@qlclaw.example",
    "phone": "+1 555 010 0000",
}


def footer(html: str) -> str:
    match = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
    assert match, "the page has no footer"
    return match.group(0)


@pytest.mark.parametrize("path", POLICY_PATHS)
def test_each_policy_page_renders_with_the_company_facts_from_settings(browser_client: httpx.Client, path: str):
    page = browser_client.get(path)

    assert page.status_code == 200
    main = re.search(r"<main.*?</main>", page.text, re.S).group(0)
    for fact in COMPANY.values():
        assert fact in main, f"{fact!r} missing from {path}"
    assert "[[" not in main


def test_the_returns_page_says_what_the_shop_does(browser_client: httpx.Client):
    text = browser_client.get("/returns/").text

    assert "30 days of the day it was delivered" in text
    assert "you pay the return postage" in text and "we pay" in text
    assert "to the card you\npaid with" in text or "to the card you paid with" in text


def test_every_page_type_has_a_footer_linking_every_policy_page(browser_client: httpx.Client, new_buyer, stock):
    stock(100)  # the test database outlives a run; earlier runs may have sold the stock
    paid = new_buyer(f"footer-{uuid.uuid4().hex[:6]}@example.com")
    paid.ready_to_pay()
    order_token = paid.pay(card=GOOD_CARD).url.path.split("/")[2]
    buyer = new_buyer()
    buyer.add_to_cart()
    pages = {
        "home": browser_client.get("/"),
        "product": browser_client.get("/products/ql-claw/"),
        "guide hub": browser_client.get("/guide/lower-back-trigger-points/"),
        "muscle page": browser_client.get("/guide/psoas/"),
        "finder": browser_client.get("/guide/where-does-it-hurt/"),
        "policy page": browser_client.get("/privacy/"),
        "order lookup": browser_client.get("/orders/find/"),
        "order page": browser_client.get(f"/orders/{order_token}/"),
        "cart": buyer.http.get("/cart/"),
        "checkout": buyer.http.get("/checkout/"),
        "staff sign-in": browser_client.get("/staff/sign-in/"),
        "not found": browser_client.get("/no-such-page/"),
    }
    for name, page in pages.items():
        links = set(re.findall(r'href="([^"]+)"', footer(page.text)))
        assert set(POLICY_PATHS) | {"/orders/find/"} <= links, f"{name}: footer links {links}"
        assert COMPANY["legal name"] in footer(page.text), name
        assert page.status_code == (404 if name == "not found" else 200), name


def test_policy_pages_are_in_the_sitemap_and_not_in_the_guide_feed(browser_client: httpx.Client, shop: Stack):
    sitemap = browser_client.get("/sitemap.xml").text
    feed = browser_client.get("/guide/feed/").text

    for path in POLICY_PATHS:
        assert f"<loc>{shop.storefront_url}{path}</loc>" in sitemap
        assert f"{shop.storefront_url}{path}" not in feed
    assert browser_client.get("/guide/returns/").status_code == 404


def test_pages_carry_organization_json_ld_with_a_contact_point(browser_client: httpx.Client):
    page = browser_client.get("/contact/").text

    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    organization = next(block for block in blocks if block["@type"] == "Organization")
    assert organization["legalName"] == COMPANY["legal name"]
    assert organization["contactPoint"]["email"] == COMPANY["e-mail"]
    assert organization["contactPoint"]["telephone"] == COMPANY["phone"]
    assert organization["address"]["streetAddress"] == COMPANY["street"]


def test_the_shipping_page_shows_saleors_zones_and_prices(browser_client: httpx.Client, staff_api: SaleorStaffAPI):
    zones = staff_api.execute(
        "{ shippingZones(first: 50) { edges { node { name default countries { country } "
        "shippingMethods { name price { amount } } } } } }"
    )["shippingZones"]["edges"]
    page = browser_client.get("/shipping/").text
    tables = re.findall(r'<table class="rates">(.*?)</table>', page, re.S)

    shown = {}
    for table in tables:
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S).group(1).strip()
        rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td><td class="num">\$([\d.,]+)</td>', table)
        shown[caption] = {name: Decimal(price) for name, _, price in rows}
    expected = {
        ("Everywhere else" if zone["node"]["default"] else ", ".join(c["country"] for c in zone["node"]["countries"])):
            {m["name"]: Decimal(str(m["price"]["amount"])).quantize(Decimal("0.01")) for m in zone["node"]["shippingMethods"]}
        for zone in zones
    }
    assert shown == expected
    assert "3–5 business days" in page and "7–14 business days" in page


def test_production_refuses_the_placeholder_company_facts(shop: Stack):
    def load_settings(**extra: str) -> subprocess.CompletedProcess:
        env = {**shop.storefront_env(), "SHOP_ENVIRONMENT": "production", **extra}
        return subprocess.run(
            [str(STOREFRONT_VENV / "bin" / "python"), "-c", "import config.settings"],
            cwd=STOREFRONT_DIR, env=env, capture_output=True, text=True,
        )

    refused = load_settings()
    real = load_settings(
        SHOP_LEGAL_NAME="Claw Works Inc.", SHOP_STREET_ADDRESS="12 Harbor Road", SHOP_CITY="Portland",
        SHOP_POSTAL_CODE="04101", SHOP_COUNTRY_AREA="ME", SHOP_ADDRESS_COUNTRY="US",
        SHOP_EMAIL="help@clawworks.com", SHOP_PHONE="+1 207 555 0199",
    )
    half = load_settings(SHOP_LEGAL_NAME="Claw Works Inc.")

    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "SHOP_LEGAL_NAME" in refused.stderr
    assert real.returncode == 0, real.stderr
    assert half.returncode != 0 and "SHOP_EMAIL" in half.stderr and "SHOP_LEGAL_NAME" not in half.stderr.split("Set ")[-1].split(":")[0]
