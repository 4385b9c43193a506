"""The product page's pictures as responsive rasters drawn from the SVG pictures Saleor stores:
each `<picture>` offers AVIF and WebP at four widths and falls back to PNG; every offered file
answers with the stated type and width; anything else is a plain 404."""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import httpx
import pytest
from PIL import Image

from deploy.runner.stack import Stack
from tests.guide.test_guide_pages import json_ld, of_type, open_graph

WIDTHS = (320, 640, 960, 1280)
FORMATS = {"image/avif": "AVIF", "image/webp": "WEBP", "image/png": "PNG"}


class GalleryMarkup(HTMLParser):
    """The `<picture>` elements of a page: each one's `<source>` and `<img>` attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.pictures: list[dict] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "picture":
            self.inside = True
            self.pictures.append({"sources": [], "img": None})
        elif tag == "source" and self.inside:
            self.pictures[-1]["sources"].append(dict(attrs))
        elif tag == "img" and self.inside:
            self.pictures[-1]["img"] = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture":
            self.inside = False


def gallery(html: str) -> list[dict]:
    parser = GalleryMarkup()
    parser.feed(html)
    return parser.pictures


def candidates(srcset: str) -> dict[int, str]:
    """`{width: url}` from a srcset of `url 640w` candidates."""
    pairs = [candidate.strip().rsplit(" ", 1) for candidate in srcset.split(",")]
    return {int(descriptor.removesuffix("w")): url for url, descriptor in pairs}


def opened(answer: httpx.Response) -> Image.Image:
    picture = Image.open(io.BytesIO(answer.content))
    picture.load()
    return picture


def test_product_page_offers_each_picture_as_avif_and_webp_with_a_png_fallback(browser_client: httpx.Client):
    pictures = gallery(browser_client.get("/products/ql-claw/").text)

    assert len(pictures) == 2
    for index, picture in enumerate(pictures):
        assert [source["type"] for source in picture["sources"]] == ["image/avif", "image/webp"]
        img = picture["img"]
        assert img["alt"] and (img["width"], img["height"]) == ("400", "400")
        assert img["sizes"] == picture["sources"][0]["sizes"] == picture["sources"][1]["sizes"]
        assert re.fullmatch(r"/media/products/ql-claw-ql-claw[a-z-]*-[0-9a-f]{12}/640\.png", img["src"])
        for srcset in [source["srcset"] for source in picture["sources"]] + [img["srcset"]]:
            assert sorted(candidates(srcset)) == list(WIDTHS)
        # The first picture is the largest drawing on a wide screen: fetched first, not lazily.
        if index == 0:
            assert img.get("fetchpriority") == "high" and "loading" not in img
        else:
            assert img.get("loading") == "lazy" and "fetchpriority" not in img


def test_every_offered_width_and_format_answers_with_that_type_and_width(browser_client: httpx.Client):
    picture = gallery(browser_client.get("/products/ql-claw/").text)[0]
    offered = [(source["type"], source["srcset"]) for source in picture["sources"]]
    offered.append(("image/png", picture["img"]["srcset"]))

    sizes = {}
    for content_type, srcset in offered:
        for width, url in candidates(srcset).items():
            answer = browser_client.get(url)
            assert answer.status_code == 200, url
            assert answer.headers["content-type"] == content_type
            assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
            drawn = opened(answer)
            assert drawn.format == FORMATS[content_type]
            assert drawn.size == (width, width), url
            sizes[content_type, width] = len(answer.content)
    # The point of AVIF and WebP: lighter than the PNG at every width.
    for width in WIDTHS:
        assert sizes["image/avif", width] < sizes["image/png", width]
        assert sizes["image/webp", width] < sizes["image/png", width]


@pytest.mark.parametrize("size", ["500.png", "1280.gif", "1280.jpeg", "abc.webp", "-640.avif", "0640.png",
                                  "640.avif.png", "640", "99999999999999999999.png"])
def test_a_width_or_format_not_offered_is_a_plain_404(browser_client: httpx.Client, size: str):
    src = gallery(browser_client.get("/products/ql-claw/").text)[0]["img"]["src"]

    answer = browser_client.get(src.rsplit("/", 1)[0] + "/" + size)

    assert answer.status_code == 404
    assert "immutable" not in answer.headers.get("cache-control", "")
    assert "Traceback" not in answer.text and "Server Error" not in answer.text
    if answer.headers["content-type"].startswith("text/plain"):
        assert answer.text.startswith("Pictures come ")


def test_a_picture_that_does_not_exist_is_a_plain_404_at_every_offered_size(browser_client: httpx.Client):
    for path in ["/media/products/no-such-picture/640.png", "/media/products/no-such-picture/320.avif"]:
        answer = browser_client.get(path)
        assert answer.status_code == 404
        assert answer.text == "No such picture."
        assert "immutable" not in answer.headers.get("cache-control", "")
    assert browser_client.get("/media/products/..%2F..%2Fenv/640.png").status_code == 404
    assert browser_client.get("/media/products/../640.png").status_code == 404


def test_json_ld_open_graph_and_merchant_feed_pictures_are_rasters_that_answer(browser_client: httpx.Client, shop: Stack):
    html = browser_client.get("/products/ql-claw/").text
    product = of_type(json_ld(html), "Product")
    feed = browser_client.get("/feeds/merchant.xml").text
    feed_pictures = re.findall(r"<g:(?:additional_)?image_link>([^<]+)</g:", feed)

    assert len(product["image"]) == 3 and len(feed_pictures) == 2
    expected_sizes = [(1200, 630), (1280, 1280), (1280, 1280)]
    for url, size in zip(product["image"] + [open_graph(html)["og:image"]] + feed_pictures,
                         expected_sizes + [(1200, 630)] + [(1280, 1280)] * 2):
        assert url.startswith(f"{shop.storefront_url}/media/products/")
        answer = browser_client.get(url.removeprefix(shop.storefront_url))
        assert answer.status_code == 200, url
        assert answer.headers["content-type"] == "image/png"
        assert opened(answer).size == size, url
    assert feed_pictures == product["image"][1:]
