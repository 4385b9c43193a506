"""The deployment's caching proxy (deploy/nginx/shop.conf.template, run by Debian's nginx)
serves shared pages from its cache and passes everything personal straight through."""
import shutil
from typing import Iterator

import httpx
import pytest

from deploy.runner import caching_proxy
from deploy.runner.environments import ensure_test_packages
from deploy.runner.layout import Ports
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import Stack


@pytest.fixture(scope="module")
def proxy_url(shop: Stack) -> Iterator[str]:
    ensure_test_packages()
    folder = shop.state.path / "caching-proxy"
    shutil.rmtree(folder, ignore_errors=True)
    processes = ProcessGroup()
    try:
        yield caching_proxy.start(processes, folder, listen_port=Ports.free().storefront, storefront_port=shop.ports.storefront)
    finally:
        processes.stop_all()


def test_shared_pages_come_from_the_proxy_cache_after_the_first_visit(proxy_url: str):
    with httpx.Client(base_url=proxy_url) as client:
        first = client.get("/guide/iliacus/")
        second = client.get("/guide/iliacus/")

    assert first.headers["x-cache"] in ("MISS", "EXPIRED")
    assert second.headers["x-cache"] == "HIT"
    assert second.text == first.text


def test_a_visitor_shops_through_the_proxy_and_personal_pages_are_never_cached(proxy_url: str):
    with httpx.Client(base_url=proxy_url, headers={"Origin": proxy_url}, follow_redirects=True) as visitor:
        product = visitor.get("/products/ql-claw/")
        variant = product.text.split('name="variant_id" value="')[1].split('"')[0]
        added = visitor.post("/cart/add/", data={"variant_id": variant, "quantity": 3})
        cart_again = visitor.get("/cart/")

    assert "Added to your cart." in added.text
    assert '<span class="badge">3' in cart_again.text
    assert added.headers["x-cache"] != "HIT" and cart_again.headers["x-cache"] != "HIT"
    with httpx.Client(base_url=proxy_url) as stranger:
        assert "Your cart is empty." in stranger.get("/cart/").text
