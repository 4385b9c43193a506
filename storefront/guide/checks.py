"""The content check: every problem a content file can have that would show on the site.

Run by `manage.py check_content` and by the test suite. It refuses unknown product slugs
(asked of Saleor), internal links to pages that do not exist, missing pictures, missing
front-matter fields and pages without sources.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .content import POLICY_BLOCKS, POLICY_KIND, ContentError, GuidePage, load_page, load_regions

LINK = re.compile(r"\]\((/[^)\s]*)\)")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
BLOCK = re.compile(r"^\[\[([^\]]*)\]\]$", re.M)
FIXED_PATHS = {"/", "/cart/", "/guide/where-does-it-hurt/", "/guide/feed/", "/orders/find/"}


def content_problems(content_dir: Path, product_exists: Callable[[str], bool]) -> list[str]:
    problems: list[str] = []
    pages: dict[str, GuidePage] = {}
    for path in sorted(content_dir.glob("*.md")):
        try:
            page = load_page(path)
        except ContentError as error:
            problems.append(str(error))
            continue
        pages[page.slug] = page
    try:
        region_ids = {region.id for region in load_regions(content_dir)}
    except (OSError, KeyError, TypeError) as error:
        problems.append(f"regions.yaml: cannot be read ({error})")
        region_ids = set()
    if not any(page.kind == "hub" for page in pages.values()):
        problems.append("no page with `kind: hub`")
    known_paths = FIXED_PATHS | {page.url for page in pages.values()}
    for page in pages.values():
        name = page.path.name
        if page.kind == POLICY_KIND:
            problems += [f"{name}: unknown block [[{block}]] (one of: {', '.join(POLICY_BLOCKS)})"
                         for block in BLOCK.findall(page.body_markdown) if block not in POLICY_BLOCKS]
        elif not [source for source in page.sources if source.strip()]:
            problems.append(f"{name}: the page lists no sources")
        for slug in page.products:
            if not product_exists(slug):
                problems.append(f"{name}: unknown product slug {slug!r}")
        for slug in page.muscles:
            if slug not in pages:
                problems.append(f"{name}: unknown muscle page {slug!r}")
        for region in page.regions:
            if region not in region_ids:
                problems.append(f"{name}: unknown region {region!r}")
        pictures = [page.picture.file] if page.picture else []
        pictures += IMAGE.findall(page.body_markdown)
        for picture in pictures:
            if "://" in picture or not (content_dir / "pictures" / Path(picture).name).is_file():
                problems.append(f"{name}: missing picture {picture!r} (expected in content/pictures/)")
        for link in LINK.findall(page.body_markdown):
            target = link.split("#")[0]
            if target.startswith("/products/"):
                if not product_exists(target.strip("/").split("/")[-1]):
                    problems.append(f"{name}: broken link {link} (no such product)")
            elif target not in known_paths:
                problems.append(f"{name}: broken internal link {link}")
    return problems
