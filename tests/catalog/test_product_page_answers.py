"""The product page answers a buyer's questions: the specifications and FAQ from the catalog
file (kept in Saleor as the product's public metadata), "How to use it" links to each muscle's
how-to section of the guide, the safety pages, the 30-day return promise, and the return policy
in the Product JSON-LD."""
from __future__ import annotations

import json
import re
from html import unescape

import httpx
import yaml

from deploy.runner.layout import ROOT
from tests.saleor_api import SaleorStaffAPI

CATALOG = yaml.safe_load((ROOT / "deploy" / "seed" / "catalog.yaml").read_text())
PRODUCT = next(product for product in CATALOG["products"] if product["slug"] == "ql-claw")


def product_jsonld(page_html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data
    raise AssertionError("no Product JSON-LD on the page")


def test_specifications_and_faq_come_from_the_catalog_file_through_saleors_metadata(
    browser_client: httpx.Client, staff_api: SaleorStaffAPI
):
    page = browser_client.get("/products/ql-claw/")
    text = unescape(page.text)
    stored = staff_api.execute('query { product(slug: "ql-claw") { metadata { key value } } }')["product"]["metadata"]
    metadata = {item["key"]: json.loads(item["value"]) for item in stored}

    expected_specs = [{"name": spec["name"], "value": spec["value"]} for spec in PRODUCT["specifications"]]
    expected_specs.insert(1, {"name": "Weight", "value": f"{PRODUCT['weight_grams']} g"})
    assert metadata["specifications"] == expected_specs
    assert metadata["faq"] == [{"question": q["question"], "answer": q["answer"]} for q in PRODUCT["faq"]]
    specs_section = text.split('id="specs-title"', 1)[1].split("</dl>", 1)[0]
    shown = re.findall(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", specs_section)
    assert shown == [(spec["name"], spec["value"]) for spec in expected_specs]
    assert {"Dimensions", "Weight", "Material", "In the box", "Care", "Warranty"} <= {name for name, _ in shown}
    for item in PRODUCT["faq"]:
        assert f"<h3>{item['question']}</h3>" in text and " ".join(item["answer"].split()) in text


def test_how_to_tiles_link_each_muscles_how_to_section_and_the_safety_pages_answer(browser_client: httpx.Client):
    page = browser_client.get("/products/ql-claw/")
    tiles = re.findall(r'<li><a href="(/guide/[a-z-]+/)#with-the-ql-claw"><strong>([^<]+)</strong>', page.text)

    # Every muscle page that recommends the tool, and none of the belly-side ones.
    recommending = sorted(
        path.stem for path in (ROOT / "content").glob("*.md")
        if re.search(r"^kind: muscle$", path.read_text(), re.M) and re.search(r"^products: \[ql-claw\]$", path.read_text(), re.M)
    )
    assert sorted(url.strip("/").split("/")[-1] for url, _ in tiles) == recommending and len(recommending) >= 4
    for url, _ in tiles:
        guide = browser_client.get(url)
        assert guide.status_code == 200 and 'id="with-the-ql-claw"' in guide.text, url
    for safety in ("/guide/before-you-start/", "/guide/pressure-safety/"):
        assert f'href="{safety}"' in page.text and browser_client.get(safety).status_code == 200


def test_the_return_promise_is_on_the_page_and_in_the_json_ld(browser_client: httpx.Client):
    page = browser_client.get("/products/ql-claw/")
    policy = product_jsonld(page.text)["offers"]["hasMerchantReturnPolicy"]

    assert "Return it within 30 days of delivery, for any reason" in page.text
    assert policy["merchantReturnDays"] == 30
    assert policy["returnPolicyCategory"] == "https://schema.org/MerchantReturnFiniteReturnWindow"
    assert policy["applicableCountry"] == "US" and policy["returnMethod"] == "https://schema.org/ReturnByMail"
    returns = browser_client.get(httpx.URL(policy["merchantReturnLink"]).path)
    assert returns.status_code == 200 and "30 days of the day it was delivered" in returns.text
