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
from tests.seller import SELLER

POLICY_PATHS = ["/returns/", "/shipping/", "/privacy/", "/terms/", "/contact/", "/right-of-withdrawal/", "/guarantee/"]
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
    assert "within 14 days" in text and 'href="/withdraw/"' in text


def test_the_withdrawal_notice_has_the_model_form_and_the_refund_deadline(browser_client: httpx.Client):
    text = re.sub(r"\s+", " ", browser_client.get("/right-of-withdrawal/").text)

    assert "You have the right to withdraw from this contract within 14 days without giving any reason." in text
    assert "not later than <strong>14 days from the day on which we are informed about your decision</strong>" in text
    assert "including the costs of delivery you paid" in text
    assert 'id="model-withdrawal-form"' in text and "hereby give notice that I/We (*) withdraw" in text
    assert 'href="/withdraw/"' in text


def test_the_guarantee_page_states_the_legal_guarantee_and_the_warrantys_duration(browser_client: httpx.Client):
    text = re.sub(r"\s+", " ", browser_client.get("/guarantee/").text)

    assert "<strong>within two years of delivery</strong>" in text
    assert "<strong>two years from the day the QL Claw was delivered</strong>" in text
    assert "limited warranty" in text and "other rights which vary from state to state" in text


def test_the_product_page_names_the_manufacturer_and_eu_responsible_person_from_settings(browser_client: httpx.Client):
    page = browser_client.get("/products/ql-claw/").text

    assert 'href="/guarantee/">2-year limited warranty' in page
    manufacturer = re.search(r'<dd id="manufacturer">(.*?)</dd>', page, re.S).group(1)
    assert COMPANY["legal name"] in manufacturer and COMPANY["e-mail"] in manufacturer
    responsible = re.search(r'<dd id="eu-responsible-person">(.*?)</dd>', page, re.S).group(1)
    assert "QL Claw Example EU Representative GmbH" in responsible and "eu-representative@qlclaw.example" in responsible
    assert 'id="product-warnings"' in page


def test_the_privacy_page_lists_the_cookies_and_processors_from_settings(browser_client: httpx.Client):
    page = browser_client.get("/privacy/").text

    cookies = dict(re.findall(r'<tr data-cookie="([^"]+)" data-lifetime-seconds="([^"]+)">', page))
    assert cookies["sessionid"] == str(30 * 24 * 3600) and cookies["csrftoken"] == str(31449600)
    processors = re.search(r'<table class="rates" id="processor-list">.*?</table>', page, re.S).group(0)
    assert "Stripe" in processors and "Sentry" not in processors  # the test stack sets no SENTRY_DSN
    for words in ("Art. 6(1)(b)", "Information Commissioner", "We do not sell or share your personal", "7 years"):
        assert words in page, words


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
        "not found": browser_client.get("/no-such-page/"),
    }
    for name, page in pages.items():
        links = set(re.findall(r'href="([^"]+)"', footer(page.text)))
        assert set(POLICY_PATHS) | {"/orders/find/", "/withdraw/"} <= links, f"{name}: footer links {links}"
        assert COMPANY["legal name"] in footer(page.text), name
        assert page.status_code == (404 if name == "not found" else 200), name


def test_policy_pages_are_in_the_sitemap_and_not_in_the_guide_feed(browser_client: httpx.Client, shop: Stack):
    sitemap = browser_client.get("/sitemap.xml").text
    feed = browser_client.get("/guide/feed/").text

    for path in [*POLICY_PATHS, "/withdraw/"]:
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
        SHOP_EMAIL="help@clawworks.com", SHOP_PHONE="+1 207 555 0199", SHOP_EU_MARKET="false",
    )
    half = load_settings(SHOP_LEGAL_NAME="Claw Works Inc.")

    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "SHOP_LEGAL_NAME" in refused.stderr
    assert real.returncode == 0, real.stderr
    assert half.returncode != 0 and "SHOP_EMAIL" in half.stderr and "SHOP_LEGAL_NAME" not in half.stderr.split("Set ")[-1].split(":")[0]


def test_production_refuses_the_eu_market_without_a_responsible_person_or_ioss_number(shop: Stack):
    eu = {name: value for name, value in SELLER.items() if name.startswith(("SHOP_EU_", "SHOP_IOSS"))}
    seller = {name: value for name, value in SELLER.items() if name not in eu}

    def load_settings(**extra: str) -> subprocess.CompletedProcess:
        env = {name: value for name, value in shop.storefront_env().items() if name not in eu}
        env.update({"SHOP_ENVIRONMENT": "production", **seller, **extra})
        return subprocess.run(
            [str(STOREFRONT_VENV / "bin" / "python"), "-c", "import config.settings"],
            cwd=STOREFRONT_DIR, env=env, capture_output=True, text=True,
        )

    nothing = load_settings()
    no_ioss = load_settings(**{name: value for name, value in eu.items() if name != "SHOP_IOSS_NUMBER"})
    everything = load_settings(**eu)
    not_selling_to_the_eu = load_settings(SHOP_EU_MARKET="false")

    assert nothing.returncode != 0 and "SHOP_EU_RESPONSIBLE_PERSON_NAME" in nothing.stderr
    assert no_ioss.returncode != 0 and "SHOP_IOSS_NUMBER" in no_ioss.stderr
    assert "SHOP_EU_RESPONSIBLE_PERSON_NAME" not in no_ioss.stderr.split("Set ")[-1].split(", or")[0]
    assert everything.returncode == 0, everything.stderr
    assert not_selling_to_the_eu.returncode == 0, not_selling_to_the_eu.stderr
