"""Pages everyone sees the same are cacheable by a shared proxy and carry nothing personal;
the forms on them accept posts only from the shop's own pages."""
import uuid
from xml.etree import ElementTree

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer

SHARED_PAGES = ["/", "/products/ql-claw/", "/guide/lower-back-trigger-points/", "/guide/psoas/", "/guide/where-does-it-hurt/buttock/"]


@pytest.mark.parametrize("path", SHARED_PAGES)
def test_shared_pages_are_public_and_the_same_for_a_visitor_with_a_cart(buyer: Buyer, path: str):
    anonymous = httpx.get(f"http://127.0.0.1:{buyer.shop.ports.storefront}{path}")
    buyer.add_to_cart(2)

    with_cart = buyer.http.get(path)

    assert with_cart.headers["cache-control"] == "public, max-age=60"
    assert "set-cookie" not in with_cart.headers
    assert "cookie" not in with_cart.headers.get("vary", "").lower()
    assert "csrfmiddlewaretoken" not in with_cart.text
    assert with_cart.text == anonymous.text


def test_personal_pages_are_never_shared(buyer: Buyer):
    buyer.add_to_cart(1)

    for path in ("/cart/", "/checkout/"):
        response = buyer.http.get(path)
        cache_control = {part.strip() for part in response.headers.get("cache-control", "").split(",")}
        assert {"private", "no-store"} <= cache_control and "public" not in cache_control, (path, cache_control)


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_forms_on_shared_pages_refuse_posts_from_elsewhere(shop: Stack, buyer: Buyer, origin):
    headers = {"Origin": origin} if origin else {}
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}", headers=headers) as stranger:
        add = stranger.post("/cart/add/", data={"variant_id": buyer.product_variant_id(), "quantity": 1})
        signup = stranger.post("/newsletter/subscribe/", data={"email": "victim@example.com"})

    assert add.status_code == 403 and signup.status_code == 403
    assert "must be sent from the shop's own pages" in add.text


def test_a_cached_page_is_never_served_to_a_foreign_host_nor_replays_a_request_id(shop: Stack):
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    # Each storefront process keeps its own copy: ask until both have answered from it.
    answers = []
    for _ in range(12):
        request_id = str(uuid.uuid4())
        answers.append((request_id, httpx.get(f"{base}/guide/iliacus/", headers={"X-Request-ID": request_id})))
    anonymous = [httpx.get(f"{base}/guide/iliacus/") for _ in range(4)]

    hits = [(sent, answer) for sent, answer in answers if answer.headers.get("x-page-cache") == "hit"]
    assert len(hits) >= 6
    assert all(answer.headers["x-request-id"] == sent for sent, answer in answers)
    fresh = {answer.headers["x-request-id"] for answer in anonymous}
    assert len(fresh) == 4 and not fresh & {sent for sent, _ in answers}
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example"):
        foreign = httpx.get(f"{base}/guide/iliacus/", headers={"Host": host})
        assert foreign.status_code == 400, host
        assert "x-page-cache" not in foreign.headers and "iliacus" not in foreign.text.lower(), host


def test_the_feed_names_itself_on_the_shops_address_whatever_the_host(shop: Stack):
    feed = httpx.get(f"http://127.0.0.1:{shop.ports.storefront}/guide/feed/")

    self_link = [link.get("href") for link in ElementTree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}link")
                 if link.get("rel") == "self"]
    assert self_link == [f"{shop.storefront_url}/guide/feed/"]
