"""Each guide page's share picture: a 1200×630 PNG drawn from its SVG picture and its title.

Drawn at build time by `manage.py draw_previews` (the image build and `./shop` run it before
`collectstatic`) into PREVIEWS_DIR, a static-files folder, so pages point at a fingerprinted static
file that no request has to draw. Never committed: the SVGs in content/pictures/ are the only source.
"""
from __future__ import annotations

from pathlib import Path

from core.raster import SHARE_HEIGHT, SHARE_WIDTH, share_card_png

from .content import GuidePage

PREVIEW_SIZE = (SHARE_WIDTH, SHARE_HEIGHT)
LABEL = "QL Claw · Lower back guide"


def preview_subheading(page: GuidePage) -> str:
    return page.search_title.removeprefix(page.title).lstrip(": ").capitalize()


def draw_preview(page: GuidePage, pictures_dir: Path) -> bytes:
    """The page's share picture; raises PictureNotDrawable when its SVG source cannot be drawn."""
    source = (pictures_dir / Path(page.preview_source).name).read_bytes()
    return share_card_png(source, page.title, preview_subheading(page), LABEL)


def draw_previews(pages: list[GuidePage], pictures_dir: Path, previews_dir: Path) -> list[Path]:
    """Writes the share picture of every page that has one; returns the files written."""
    previews_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in pages:
        if not page.preview_source:
            continue
        target = previews_dir / f"{page.slug}.png"
        picture = draw_preview(page, pictures_dir)
        # Rewritten only when the drawing changed, so collectstatic keeps unchanged files as they are.
        if not target.is_file() or target.read_bytes() != picture:
            target.write_bytes(picture)
        written.append(target)
    return written
