import re
from decimal import Decimal

import httpx

from deploy.runner.stack import Stack
from tests.saleor_api import SaleorStaffAPI


def test_product_page_shows_the_seeded_name_price_stock_and_pictures_with_their_png_versions(browser_client: httpx.Client):
    page = browser_client.get("/products/ql-claw/")

    assert page.status_code == 200
    assert "<h1>QL Claw</h1>" in page.text
    assert '<span class="amount">$39.00</span>' in page.text
    assert "In stock" in page.text
    assert "quadratus lumborum" in page.text
    # The gallery shows rasters drawn from the SVGs Saleor stores (tests/catalog/test_product_pictures.py).
    pictures = re.findall(r'<img src="(/media/products/[^"/]+)/640\.png" srcset="[^"]+" sizes="[^"]+" alt="([^"]+)"', page.text)
    assert len(pictures) == 2
    for stem, alt in pictures:
        path = stem + ".svg"
        picture = browser_client.get(path)
        assert picture.status_code == 200
        assert picture.headers["content-type"] == "image/svg+xml"
        assert "<title" in picture.text
        assert alt
        raster = browser_client.get(path.removesuffix(".svg") + ".png")
        assert raster.status_code == 200 and raster.headers["content-type"] == "image/png"
        assert raster.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert "immutable" in raster.headers["cache-control"]


def test_home_page_features_the_product_with_its_live_price(browser_client: httpx.Client):
    page = browser_client.get("/")

    assert page.status_code == 200
    assert 'href="/products/ql-claw/"' in page.text
    assert "$39.00" in page.text


def test_unknown_product_is_a_friendly_404(browser_client: httpx.Client):
    page = browser_client.get("/products/no-such-tool/")

    assert page.status_code == 404
    assert "couldn't find that page" in page.text


def test_picture_paths_cannot_leave_the_product_folder(browser_client: httpx.Client):
    assert browser_client.get("/media/products/..%2F..%2Fenv").status_code == 404
    assert browser_client.get("/media/products/does-not-exist.svg").status_code == 404
    assert browser_client.get("/media/products/does-not-exist.png").status_code == 404
    assert browser_client.get("/media/products/..%2F..%2Fenv.png").status_code == 404


def test_price_changed_in_saleor_shows_after_the_catalog_cache_is_purged(
    shop: Stack, browser_client: httpx.Client, staff_api: SaleorStaffAPI, purge_catalog
):
    purge_catalog()
    assert "$39.00" in browser_client.get("/products/ql-claw/").text
    try:
        staff_api.set_base_price("ql-claw", "45.50")
        assert Decimal(str(staff_api.product("ql-claw")["basePrice"]["amount"])) == Decimal("45.50")

        # Catalog reads are cached (CATALOG_CACHE_SECONDS, 60 s by default): still the old price.
        assert "$39.00" in browser_client.get("/products/ql-claw/").text

        purge_catalog()
        page = browser_client.get("/products/ql-claw/")
        assert '<span class="amount">$45.50</span>' in page.text
        assert "$45.50" in browser_client.get("/").text
    finally:
        staff_api.set_base_price("ql-claw", "39.00")
        purge_catalog()
    assert "$39.00" in browser_client.get("/products/ql-claw/").text
