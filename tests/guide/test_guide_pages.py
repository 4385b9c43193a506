"""The trigger-point guide: every page renders, with its disclaimer, sources, product card,
structured data, canonical URL, and the site's sitemap, robots.txt and feed."""
import json
import re
import xml.etree.ElementTree as ElementTree
from html import unescape

import httpx
import pytest

from deploy.runner.stack import Stack

GUIDE_PAGES = ["lower-back-trigger-points", "quadratus-lumborum", "psoas", "iliacus", "gluteus-medius", "piriformis"]


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def of_type(blocks: list[dict], kind: str) -> dict:
    found = [block for block in blocks if block["@type"] == kind]
    assert len(found) == 1, f"expected one {kind}, got {[b['@type'] for b in blocks]}"
    return found[0]


@pytest.mark.parametrize("slug", GUIDE_PAGES)
def test_every_guide_page_renders_with_disclaimer_sources_picture_and_product(browser_client: httpx.Client, slug: str):
    page = browser_client.get(f"/guide/{slug}/")

    assert page.status_code == 200
    text = unescape(page.text)
    assert "Medical note:" in text and "does not replace a visit to a doctor" in text
    assert "Travell, Simons & Simons' Myofascial Pain and Dysfunction" in text
    assert "The Trigger Point Therapy Workbook" in text
    picture = re.search(r'<img src="(/static/guide/[^"]+\.svg)" alt="([^"]+)"', page.text)
    assert picture and browser_client.get(picture.group(1)).status_code == 200
    assert re.search(r'<span class="amount">\$\d+\.\d\d</span>', page.text), "no live price on the product card"
    assert 'action="/cart/add/"' in page.text
    assert "cure" not in text.lower()


def test_guide_pages_carry_article_faq_and_breadcrumb_json_ld(browser_client: httpx.Client, shop: Stack):
    for slug in GUIDE_PAGES:
        blocks = json_ld(browser_client.get(f"/guide/{slug}/").text)
        article = of_type(blocks, "Article")
        for field in ("headline", "description", "dateModified", "author", "publisher", "image", "mainEntityOfPage"):
            assert article[field], f"{slug}: Article.{field} missing"
        assert article["mainEntityOfPage"] == f"{shop.storefront_url}/guide/{slug}/"
        crumbs = of_type(blocks, "BreadcrumbList")["itemListElement"]
        assert crumbs[0]["item"] == f"{shop.storefront_url}/"
        questions = of_type(blocks, "FAQPage")["mainEntity"]
        assert questions and all(q["@type"] == "Question" and q["acceptedAnswer"]["text"] for q in questions)


def test_product_page_carries_product_json_ld_with_offer(browser_client: httpx.Client, shop: Stack):
    product = of_type(json_ld(browser_client.get("/products/ql-claw/").text), "Product")

    assert product["name"] == "QL Claw"
    assert product["sku"] == "QLC-001"
    assert product["offers"]["price"] == "39.00"
    assert product["offers"]["priceCurrency"] == "USD"
    assert product["offers"]["availability"] == "https://schema.org/InStock"
    assert product["image"][0].startswith(f"{shop.storefront_url}/media/products/")


@pytest.mark.parametrize("path", ["/", "/products/ql-claw/", "/guide/psoas/", "/guide/where-does-it-hurt/"])
def test_canonical_urls_are_absolute(browser_client: httpx.Client, shop: Stack, path: str):
    html = browser_client.get(path + "?utm_source=test").text

    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"{shop.storefront_url}{path}"
    assert re.search(r'<meta property="og:title" content="[^"]+">', html)
    assert '<meta name="twitter:card" content="summary">' in html


def test_sitemap_lists_every_guide_page_and_the_product(browser_client: httpx.Client, shop: Stack):
    response = browser_client.get("/sitemap.xml")

    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {node.text for node in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)}
    expected = {f"{shop.storefront_url}/guide/{slug}/" for slug in GUIDE_PAGES}
    expected |= {f"{shop.storefront_url}/products/ql-claw/", f"{shop.storefront_url}/guide/where-does-it-hurt/"}
    assert expected <= locations


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(browser_client: httpx.Client, shop: Stack):
    robots = browser_client.get("/robots.txt").text

    assert f"Sitemap: {shop.storefront_url}/sitemap.xml" in robots
    for private in ("/cart/", "/checkout/", "/orders/"):
        assert f"Disallow: {private}" in robots


def test_atom_feed_lists_the_guide(browser_client: httpx.Client, shop: Stack):
    feed = browser_client.get("/guide/feed/")

    assert feed.headers["content-type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
    links = {entry.find("{http://www.w3.org/2005/Atom}link").get("href") for entry in entries}
    assert links == {f"{shop.storefront_url}/guide/{slug}/" for slug in GUIDE_PAGES}


def test_guide_index_and_unknown_pages(browser_client: httpx.Client):
    assert browser_client.get("/guide/").headers["location"] == "/guide/lower-back-trigger-points/"
    assert browser_client.get("/guide/no-such-muscle/").status_code == 404


def test_guide_page_still_renders_when_saleor_is_down(shop: Stack, browser_client: httpx.Client, purge_catalog):
    shop.stop_saleor()
    try:
        purge_catalog()
        page = browser_client.get("/guide/piriformis/")
        assert page.status_code == 200
        assert "reaches all five muscles of this guide" in page.text
    finally:
        shop.start_saleor()
