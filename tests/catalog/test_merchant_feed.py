"""Where the QL Claw ships, at what price and how fast, as search engines read it: the Product
JSON-LD's `shippingDetails` from Saleor's zones (the catalog's markets), and the Google Merchant
Center feed at /feeds/merchant.xml with Saleor's price and stock and the shop country's shipping."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import httpx
import yaml

from deploy.runner.layout import ROOT
from tests.catalog.test_product_page_answers import product_jsonld
from tests.saleor_api import SaleorStaffAPI

CATALOG = yaml.safe_load((ROOT / "deploy" / "seed" / "catalog.yaml").read_text())
G = "{http://base.google.com/ns/1.0}"


def test_the_product_json_ld_says_where_it_ships_at_what_price_and_how_fast(browser_client: httpx.Client):
    offer = product_jsonld(browser_client.get("/products/ql-claw/").text)["offers"]
    details = {entry["shippingLabel"]: entry for entry in offer["shippingDetails"]}

    listed = {method["name"]: (market, method) for market in CATALOG["markets"] for method in market["methods"]}
    assert set(details) == set(listed)
    for name, (market, method) in listed.items():
        entry = details[name]
        assert entry["shippingRate"] == {"@type": "MonetaryAmount", "value": method["price"], "currency": "USD"}
        assert sorted(region["addressCountry"] for region in entry["shippingDestination"]) == sorted(market["countries"])
        low, high = (int(day) for day in method["delivery"].split(" ")[0].split("–"))
        assert entry["deliveryTime"]["transitTime"] == {"@type": "QuantitativeValue", "minValue": low,
                                                        "maxValue": high, "unitCode": "DAY"}
        assert entry["deliveryTime"]["handlingTime"]["maxValue"] == 1
    shipped_to = {region["addressCountry"] for entry in offer["shippingDetails"] for region in entry["shippingDestination"]}
    assert not shipped_to & set(CATALOG["sanctioned"])


def test_the_merchant_feed_lists_the_product_as_saleor_prices_and_stocks_it(
    browser_client: httpx.Client, staff_api: SaleorStaffAPI
):
    answer = browser_client.get("/feeds/merchant.xml")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/rss+xml")
    assert answer.headers["cache-control"] == "public, max-age=300"
    [item] = ElementTree.fromstring(answer.content).iter("item")

    product = staff_api.execute(
        "query { product(slug: \"ql-claw\") { name variants { sku quantityAvailable } "
        "pricing { priceRange { start { gross { amount currency } } } } } }"
    )["product"]
    price = product["pricing"]["priceRange"]["start"]["gross"]
    assert item.findtext(f"{G}id") == product["variants"][0]["sku"]
    assert item.findtext("title") == product["name"]
    assert item.findtext(f"{G}price") == f"{price['amount']:.2f} {price['currency']}"
    assert item.findtext(f"{G}availability") == ("in_stock" if product["variants"][0]["quantityAvailable"] else "out_of_stock")
    assert item.findtext(f"{G}condition") == "new" and item.findtext(f"{G}identifier_exists") == "no"
    assert httpx.URL(item.findtext("link")).path == "/products/ql-claw/"

    picture = browser_client.get(httpx.URL(item.findtext(f"{G}image_link")).path)
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"

    us = next(market for market in CATALOG["markets"] if market["code"] == "US")
    shipping = sorted(
        (entry.findtext(f"{G}service"), entry.findtext(f"{G}price"), entry.findtext(f"{G}country"),
         entry.findtext(f"{G}min_transit_time"), entry.findtext(f"{G}max_transit_time"))
        for entry in item.iter(f"{G}shipping")
    )
    assert shipping == sorted(
        (method["name"], f"{method['price']} USD", "US", *method["delivery"].split(" ")[0].split("–"))
        for method in us["methods"]
    )


def test_the_merchant_feed_takes_only_get(browser_client: httpx.Client):
    assert browser_client.post("/feeds/merchant.xml").status_code in (403, 405)
    assert browser_client.head("/feeds/merchant.xml").status_code == 200
