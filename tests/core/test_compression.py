"""Shared pages and static files go out compressed when the visitor asks; a page with the
visitor's CSRF token or data never does (BREACH, core/compression.py)."""
from __future__ import annotations

import gzip
import json

import httpx
import pytest

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token

HUB = "/guide/lower-back-trigger-points/"


def static_path(name: str) -> str:
    """The hashed address collectstatic gave a file (whitenoise's manifest)."""
    manifest = json.loads((ROOT / "storefront" / "staticfiles" / "staticfiles.json").read_text())
    return f"/static/{manifest['paths'][name]}"


def wire_bytes(client: httpx.Client, path: str, encoding: str) -> tuple[httpx.Headers, bytes]:
    """The answer as it crossed the wire, not decoded."""
    with client.stream("GET", path, headers={"Accept-Encoding": encoding}) as response:
        assert response.status_code == 200, path
        return response.headers, b"".join(response.iter_raw())


def assert_compressed_when_asked(client: httpx.Client, path: str, encoding: str = "gzip") -> None:
    plain_headers, plain = wire_bytes(client, path, "identity")
    headers, body = wire_bytes(client, path, encoding)

    assert "content-encoding" not in plain_headers, path
    assert headers["content-encoding"] == encoding, path
    assert "accept-encoding" in headers["vary"].lower(), path
    assert len(body) < len(plain), (path, len(body), len(plain))
    if encoding == "gzip":
        assert gzip.decompress(body) == plain, path


def test_the_hub_css_js_and_svg_come_gzipped_from_the_storefront_when_asked(browser_client: httpx.Client):
    for path in (HUB, "/products/ql-claw/", static_path("css/shop.css"), static_path("js/address.js"),
                 static_path("favicon.svg")):
        # Twice: the render, then the in-memory page cache's copy for gzip visitors.
        assert_compressed_when_asked(browser_client, path)
        assert_compressed_when_asked(browser_client, path)


@pytest.mark.parametrize("name", ["css/shop.css", "js/address.js"])
def test_static_files_come_as_brotli_to_browsers_that_take_it(browser_client: httpx.Client, name: str):
    assert_compressed_when_asked(browser_client, static_path(name), "br")


def test_a_visitor_that_does_not_ask_for_gzip_never_gets_the_gzip_copy_of_a_shared_page(browser_client: httpx.Client):
    for _ in range(4):  # both processes, both copies in memory
        wire_bytes(browser_client, HUB, "gzip")
        headers, body = wire_bytes(browser_client, HUB, "identity")
        assert "content-encoding" not in headers
        assert b"Quadratus lumborum" in body


@pytest.mark.parametrize("path", ["/withdraw/", "/orders/find/", "/staff/sign-in/"])
def test_a_page_with_a_csrf_token_is_never_compressed(shop: Stack, path: str):
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}", timeout=10) as visitor:
        headers, body = wire_bytes(visitor, path, "gzip, deflate, br")

    assert csrf_token(body.decode())
    assert "content-encoding" not in headers
