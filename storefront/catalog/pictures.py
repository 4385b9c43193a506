"""PNG versions of the product pictures, which Saleor keeps as SVG: Google's product results and
link previews (og:image) take no SVG. The storefront draws them at `/media/products/<name>.png`
(`Picture.raster_url`) from the SVG in the shared media folder, or, when pictures live in a bucket
(MEDIA_PUBLIC_URL), from the bucket's copy. Drawn once per process; names carry a content hash.
"""
from __future__ import annotations

import functools
from pathlib import Path

import httpx
from django.conf import settings
from django.utils._os import safe_join

from core.raster import PictureNotDrawable, framed_png

MAX_SVG_BYTES = 1024 * 1024


class NoSuchPicture(Exception):
    """No SVG picture of that name in the media folder or the bucket."""


def _svg_source(svg_name: str) -> bytes:
    try:
        return Path(safe_join(settings.MEDIA_ROOT, "products", svg_name)).read_bytes()
    except (OSError, ValueError):
        pass
    if not settings.MEDIA_PUBLIC_URL:
        raise NoSuchPicture(svg_name)
    try:
        answer = httpx.get(f"{settings.MEDIA_PUBLIC_URL.rstrip('/')}/products/{svg_name}", timeout=5)
    except httpx.HTTPError as error:
        raise NoSuchPicture(svg_name) from error
    if answer.status_code != 200 or len(answer.content) > MAX_SVG_BYTES:
        raise NoSuchPicture(svg_name)
    return answer.content


@functools.lru_cache(maxsize=16)
def product_picture_png(png_name: str) -> bytes:
    """The PNG of the product picture `<stem>.svg`, for the name `<stem>.png`; raises NoSuchPicture."""
    if "/" in png_name or not png_name.endswith(".png"):
        raise NoSuchPicture(png_name)
    try:
        return framed_png(_svg_source(png_name.removesuffix(".png") + ".svg"))
    except PictureNotDrawable as error:
        raise NoSuchPicture(png_name) from error
