"""Each guide page's share picture: a 1200×630 PNG drawn from its SVG picture and its title.

Drawn once per process on first request (a few tens of milliseconds each) and never committed:
the SVGs in content/pictures/ are the only source.
"""
from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from core.raster import SHARE_HEIGHT, SHARE_WIDTH, share_card_png

from .content import GuidePage, guide_pages

PREVIEW_SIZE = (SHARE_WIDTH, SHARE_HEIGHT)
LABEL = "QL Claw · Lower back guide"


def preview_subheading(page: GuidePage) -> str:
    return page.search_title.removeprefix(page.title).lstrip(": ").capitalize()


def draw_preview(page: GuidePage, pictures_dir: Path) -> bytes:
    """The page's share picture; raises PictureNotDrawable when its SVG source cannot be drawn."""
    source = (pictures_dir / Path(page.preview_source).name).read_bytes()
    return share_card_png(source, page.title, preview_subheading(page), LABEL)


@functools.lru_cache(maxsize=64)
def preview_png(slug: str) -> bytes | None:
    """The share picture of the guide page `slug`, or None when there is no such page."""
    page = guide_pages().get(slug)
    if page is None or not page.preview_source:
        return None
    return draw_preview(page, Path(settings.CONTENT_DIR) / "pictures")
