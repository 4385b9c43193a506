"""The content check fails on every kind of broken content; scripts never reach a page."""
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack

CONTENT = ROOT / "content"


def test_the_shops_content_passes_the_check(shop: Stack):
    result = shop.storefront_manage("check_content")

    assert "is fine" in result.stdout


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


BREAKAGES = {
    "unknown product slug": (
        "psoas.md", "products: [ql-claw]", "products: [ql-claw-deluxe]", "psoas.md: unknown product slug 'ql-claw-deluxe'"),
    "broken internal link": (
        "iliacus.md", "(/guide/psoas/)", "(/guide/psoaz/)", "iliacus.md: broken internal link /guide/psoaz/"),
    "broken product link": (
        "lower-back-trigger-points.md", "(/guide/where-does-it-hurt/)", "(/products/claw-9000/)",
        "broken link /products/claw-9000/ (no such product)"),
    "missing picture": (
        "piriformis.md", "file: piriformis.svg", "file: piriformis-missing.svg", "piriformis.md: missing picture 'piriformis-missing.svg'"),
    "missing front-matter field": (
        "gluteus-medius.md", "summary: >-", "summery: >-", "gluteus-medius.md: missing front-matter field(s): summary"),
    "no sources": (
        "quadratus-lumborum.md", "sources:\n", "sources: []\nold_sources:\n", "quadratus-lumborum.md: missing front-matter field(s): sources"),
    "unknown region": (
        "piriformis.md", "regions: [sacrum, buttock, back-of-thigh]", "regions: [sacrum, elbow]", "piriformis.md: unknown region 'elbow'"),
    "unknown block on a policy page": (
        "shipping.md", "[[shipping-rates]]", "[[shiping-rates]]", "shipping.md: unknown block [[shiping-rates]]"),
    "guide fields on a policy page": (
        "returns.md", "kind: policy\n", "kind: policy\nproducts: [ql-claw]\n", "returns.md: pages of kind 'policy' do not take: products"),
    "broken link on a policy page": (
        "contact.md", "(/orders/find/)", "(/orders/lost/)", "contact.md: broken internal link /orders/lost/"),
}


@pytest.mark.parametrize("kind", list(BREAKAGES))
def test_the_content_check_fails_on_each_kind_of_broken_content(shop: Stack, content_copy: Path, kind: str):
    file_name, old, new, message = BREAKAGES[kind]
    edit(content_copy / file_name, old, new)

    result = shop.storefront_manage("check_content", "--content-dir", str(content_copy), check=False)

    assert result.returncode != 0
    assert message in result.stderr, result.stderr


def test_scripts_and_event_handlers_in_content_do_not_reach_the_page(tmp_path: Path):
    from guide.content import load_page

    page_file = tmp_path / "evil.md"
    page_file.write_text(
        (CONTENT / "psoas.md").read_text()
        + '\n<script>alert("x")</script>\n\n<img src="x" onerror="alert(1)">\n\n'
        + '[click me](javascript:alert(1))\n\n<a href="/" onclick="steal()">home</a>\n'
    )

    elements = parsed_elements(load_page(page_file).body_html)

    assert "script" not in {tag for tag, _ in elements}
    attributes = [(name, value or "") for _, attrs in elements for name, value in attrs]
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert not [value for _, value in attributes if value.strip().lower().startswith("javascript:")]
    assert ("a", [("href", "/guide/lower-back-trigger-points/"), ("rel", "noopener")]) in elements  # links survive


def parsed_elements(html: str) -> list:
    """Every element the browser would build from the HTML, with its attributes."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found
