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
    path.write_text(text.replace(old, new))


# kind of breakage: (file in content/, text in it, replaced by — every occurrence —, message expected)
BREAKAGES = {
    "unknown product slug": (
        "quadratus-lumborum.md", "products: [ql-claw]", "products: [ql-claw-deluxe]",
        "quadratus-lumborum.md: unknown product slug 'ql-claw-deluxe'"),
    "broken internal link": (
        "iliacus.md", "(/guide/psoas/)", "(/guide/psoaz/)", "iliacus.md: broken internal link /guide/psoaz/"),
    "broken product link": (
        "lower-back-trigger-points.md", "(/guide/where-does-it-hurt/)", "(/products/claw-9000/)",
        "broken link /products/claw-9000/ (no such product)"),
    "link to a heading that does not exist": (
        "lower-back-trigger-points.md", "#when-to-stop-and-see-a-doctor)", "#when-to-call)",
        "lower-back-trigger-points.md: broken internal link /guide/pressure-safety/#when-to-call (no such heading)"),
    "missing picture": (
        "piriformis.md", "file: piriformis.svg", "file: piriformis-missing.svg", "piriformis.md: missing picture 'piriformis-missing.svg'"),
    "missing stretch picture": (
        "psoas.md", "(/static/guide/stretch-kneeling-lunge.svg)", "(/static/guide/stretch-lunge.svg)",
        "psoas.md: missing picture '/static/guide/stretch-lunge.svg'"),
    "missing front-matter field": (
        "gluteus-medius.md", "summary: >-", "summery: >-", "gluteus-medius.md: missing front-matter field(s): summary"),
    "no sources": (
        "quadratus-lumborum.md", "sources:\n", "sources: []\nold_sources:\n", "quadratus-lumborum.md: missing front-matter field(s): sources"),
    "unknown region": (
        "piriformis.md", "regions: [sacrum, buttock, back-of-thigh]", "regions: [sacrum, elbow]", "piriformis.md: unknown region 'elbow'"),
    "unknown page kind": (
        "pressure-safety.md", "kind: page", "kind: blog", "pressure-safety.md: unknown kind 'blog'"),
    "muscle page without its In brief box": (
        "rectus-abdominis.md", "brief:", "key_points:", "rectus-abdominis.md: missing front-matter field(s): brief"),
    "page kind given products": (
        "about-this-guide.md", "kind: page\n", "kind: page\nproducts: [ql-claw]\n",
        "about-this-guide.md: pages of kind 'page' do not take: products"),
    "heading that takes an id the page uses": (
        "about-this-guide.md", "## The sources we use", "## Sources",
        "about-this-guide.md: heading id(s) sources are used by the page itself"),
    "muscle page that does not link the safety page": (
        "gluteus-minimus.md", "(/guide/pressure-safety/", "(/guide/where-does-it-hurt/",
        "gluteus-minimus.md: a muscle page must link the safety page /guide/pressure-safety/"),
    "picture without views": (
        "piriformis.md", "  views: [back]\n", "", "piriformis.md: `picture` needs file, alt, views"),
    "views that the picture does not draw": (
        "psoas.md", "views: [back, front]", "views: [back]", "psoas.md: picture views say back but psoas.svg draws back, front"),
    "picture without the view its front matter names": (
        "pictures/iliacus.svg", 'id="front"', 'id="front-view"', "iliacus.md: picture views say back, front but iliacus.svg draws back "),
    "alt text that mentions the front of a back-only picture": (
        "quadratus-lumborum.md", "    Back view with the lowest ribs", "    Back view, not the front, with the lowest ribs",
        "quadratus-lumborum.md: the picture's alt text mentions the front, but quadratus-lumborum.svg has no front view"),
    "picture of 5 KB or more": (
        "pictures/gluteus-medius.svg", "</svg>", "<!--" + "x" * 3000 + "-->\n</svg>",
        "gluteus-medius.md: picture gluteus-medius.svg is "),
    "picture without a title": (
        "pictures/piriformis.svg", '<title id="t">Piriformis and its referred pain</title>', "",
        "piriformis.md: picture piriformis.svg has no <title>"),
    "stretch picture without alt text": (
        "piriformis.md",
        "![A person lying on the back, seen from the side, one ankle crossed over the opposite knee, hands behind the supporting thigh drawing it towards the chest]",
        "![]", "piriformis.md: picture /static/guide/stretch-figure-four.svg has no alt text"),
    "unknown block on a policy page": (
        "shipping.md", "[[shipping-rates]]", "[[shiping-rates]]", "shipping.md: unknown block [[shiping-rates]]"),
    "guide fields on a policy page": (
        "returns.md", "kind: policy\n", "kind: policy\nproducts: [ql-claw]\n", "returns.md: pages of kind 'policy' do not take: products"),
    "broken link on a policy page": (
        "contact.md", "(/orders/find/)", "(/orders/lost/)", "contact.md: broken internal link /orders/lost/"),
    "tool steps on a belly-side muscle page": (
        "iliacus.md", "## Stretch, step by step",
        "### With the QL Claw\n\nSet it on the rim and lean back.\n\n## Stretch, step by step",
        "iliacus.md: a belly-side muscle page must not tell the reader to use the tool (found '### With the QL Claw')"),
    "the tool's tip in a belly-side page's In brief box": (
        "rectus-abdominis.md", "  - It lies just under the skin,", "  - Hook the tip below the navel. It lies just under the skin,",
        "rectus-abdominis.md: a belly-side muscle page must not tell the reader to use the tool (found 'the tip')"),
    "a Buy box on a belly-side muscle page": (
        "psoas.md", "belly_side: true\n", "belly_side: true\nproducts: [ql-claw]\n",
        "psoas.md: a belly-side muscle is worked with fingertips only; remove `products` (no Buy box)"),
    "a muscle page the tool fits without its products": (
        "piriformis.md", "products: [ql-claw]\n", "", "piriformis.md: missing front-matter field(s): products"),
    "muscle page without an evidence line": (
        "gluteus-medius.md", "evidence: >-", "evidence_note: >-", "gluteus-medius.md: missing front-matter field(s): evidence"),
    "meta description over 160 characters": (
        "piriformis.md", "and where to press clear of the nerve.",
        "and where to press clear of the nerve, with a stretch to follow it.",
        "piriformis.md: the summary (the meta description) is 187 characters; keep it to 160"),
    "long meta description on a policy page": (
        "returns.md", "what to do, who pays return postage,", "what to do, who pays the return postage, how to pack it,",
        "returns.md: the summary (the meta description) is "),
    "says reviewed by without naming the reviewer": (
        "lumbar-paraspinals.md", "## Where they are", "Reviewed by a physiotherapist.\n\n## Where they are",
        'lumbar-paraspinals.md: says "reviewed by" but its front matter names no reviewer (`reviewed_by`)'),
    "a review without the reviewer's name": (
        "quadratus-lumborum.md", "updated: 2026-12-07\n", "updated: 2026-12-07\nreviewed_by:\n  credentials: PT\n  date: 2026-12-01\n",
        "quadratus-lumborum.md: `reviewed_by` needs name, credentials, date of the clinician who reviewed the page"),
    "guide page without a share picture": (
        "about-this-guide.md", "preview: lower-back-overview.svg\n", "",
        "about-this-guide.md: no share picture: give the page a `picture`, or a `preview`"),
    "share picture from an SVG that does not exist": (
        "weekly-routine.md", "preview: lower-back-overview.svg", "preview: routine-card.svg",
        "weekly-routine.md: missing preview picture 'routine-card.svg'"),
    "muscle picture without trigger-point marks": (
        "pictures/quadratus-lumborum.svg", 'id="trigger-points"', 'id="marks"',
        'quadratus-lumborum.md: picture quadratus-lumborum.svg marks no trigger points (draw them in a <g id="trigger-points">)'),
    "belly-side picture without a not-here zone": (
        "pictures/psoas.svg", 'id="no-tool-zone"', 'id="belly-outline"',
        'psoas.md: picture psoas.svg of a belly-side muscle marks no "not here (no tool)" zone'),
    "picture labels under 12 px": (
        "pictures/gluteus-medius.svg", 'font-size="10"', 'font-size="8"',
        "gluteus-medius.md: label 'lowest rib' in gluteus-medius.svg is 10.9 px; make it at least 12 px"),
    "picture labels not in the text colour": (
        "pictures/piriformis.svg", 'font-size="10" fill="#1d2321"', 'font-size="10" fill="#8a938f"',
        "piriformis.md: label 'pelvic rim' in piriformis.svg is #8a938f; labels are in the text colour #1d2321"),
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
    assert ("a", [("href", "/guide/pressure-safety/"), ("rel", "noopener")]) in elements  # links survive


def parsed_elements(html: str) -> list:
    """Every element the browser would build from the HTML, with its attributes."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_long_pages_get_heading_anchors_and_a_table_of_contents_that_points_at_them():
    from guide.content import load_page

    page = load_page(CONTENT / "pressure-safety.md")

    heading_ids = [attrs for tag, attrs in parsed_elements(page.body_html) if tag in ("h2", "h3")]
    assert ("id", "who-should-not-press-with-a-rigid-tool") in heading_ids[0]
    toc_ids = [entry.heading.id for entry in page.table_of_contents]
    assert toc_ids[:2] == ["who-should-not-press-with-a-rigid-tool", "what-it-should-feel-like"]
    assert set(toc_ids) <= {value for attrs in heading_ids for name, value in attrs if name == "id"}


def test_short_pages_get_no_table_of_contents(tmp_path: Path):
    from guide.content import load_page

    page_file = tmp_path / "short.md"
    text = (CONTENT / "pressure-safety.md").read_text()
    page_file.write_text(text.split("\n## ")[0] + "\n## Only one section\n\nText.\n")

    assert load_page(page_file).table_of_contents == ()


def test_pictures_in_the_text_carry_their_size_so_the_page_does_not_jump(tmp_path: Path):
    from guide.content import load_page

    images = [attrs for tag, attrs in parsed_elements(load_page(CONTENT / "psoas.md").body_html) if tag == "img"]

    assert images == [[
        ("src", "/static/guide/stretch-kneeling-lunge.svg"),
        ("alt", "A person kneeling on a cushion, seen from the side, the other foot flat ahead with the knee at a "
                "right angle, back upright, shifting the hips forward"),
        ("width", "340"), ("height", "240"), ("loading", "lazy"),
    ]]


def test_a_named_reviewer_is_read_from_the_front_matter_and_no_page_names_one_yet(tmp_path: Path):
    import datetime

    from guide.content import Reviewer, load_page, load_pages

    page_file = tmp_path / "reviewed.md"
    page_file.write_text((CONTENT / "psoas.md").read_text().replace(
        "updated: 2026-12-07\n",
        "updated: 2026-12-07\nreviewed_by:\n  name: Alex Example\n  credentials: MSc, registered physiotherapist\n"
        "  date: 2026-12-01\n",
    ))

    assert load_page(page_file).reviewer == Reviewer("Alex Example", "MSc, registered physiotherapist", datetime.date(2026, 12, 1))
    assert [page.slug for page in load_pages(CONTENT).values() if page.reviewer] == []
