"""Share pictures are drawn when the shop is built, not when a link is shared: `draw_previews` writes one PNG per
guide page before collectstatic, pages' og:image and Article image point at that fingerprinted static file, and the
preview address pages once used sends links already shared there."""
import re
from html import unescape

import httpx
import pytest

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.guide.test_guide_pages import GUIDE_PAGES, json_ld, of_type, open_graph, png_size

PREVIEWS = ROOT / "storefront" / "previews"


def twitter_card(html: str) -> str:
    return re.search(r'<meta name="twitter:card" content="([^"]+)">', html).group(1)


@pytest.mark.parametrize("slug", GUIDE_PAGES)
def test_the_build_drew_each_pages_share_picture_and_the_page_points_at_that_file(
    browser_client: httpx.Client, shop: Stack, slug: str,
):
    drawn = PREVIEWS / f"{slug}.png"
    assert drawn.is_file()
    assert png_size(drawn.read_bytes()) == (1200, 630)

    html = browser_client.get(f"/guide/{slug}/").text
    image = open_graph(html)["og:image"]
    assert re.fullmatch(rf"{shop.storefront_url}/static/guide-previews/{slug}\.[0-9a-f]{{12}}\.png", image)
    assert of_type(json_ld(html), "Article")["image"] == image
    assert twitter_card(unescape(html)) == "summary_large_image"

    served = browser_client.get(image.removeprefix(shop.storefront_url))
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"
    assert served.content == drawn.read_bytes()
    # A fingerprinted static file: browsers and proxies keep it for good.
    assert "immutable" in served.headers["cache-control"]


def test_pages_without_a_large_picture_keep_the_small_card(browser_client: httpx.Client):
    html = browser_client.get("/guide/where-does-it-hurt/").text

    assert "og:image" not in html
    assert twitter_card(html) == "summary"


def test_a_preview_link_shared_before_goes_to_the_built_picture(browser_client: httpx.Client):
    answer = browser_client.get("/guide/psoas/preview.png")

    assert answer.status_code == 301
    assert re.fullmatch(r"/static/guide-previews/psoas\.[0-9a-f]{12}\.png", answer.headers["location"])
    assert browser_client.get(answer.headers["location"]).headers["content-type"] == "image/png"
    assert browser_client.get("/guide/no-such-page/preview.png").status_code == 404
