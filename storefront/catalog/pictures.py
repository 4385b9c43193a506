"""Raster versions of the product pictures, which Saleor keeps as SVG. Google's product results and
link previews (og:image) take no SVG, and the product page's gallery is lighter as AVIF or WebP.
The storefront draws them from the SVG in the shared media folder, or, when pictures live in a
bucket (MEDIA_PUBLIC_URL), from the bucket's copy:
- `/media/products/<name>.png`: 1200×630, the picture centred on white (og:image, `Picture.raster_url`);
- `/media/products/<name>/<width>.<avif|webp|png>`: square, at each of RASTER_WIDTHS (the gallery's
  `srcset`, JSON-LD and the merchant feed).
Drawn on first request, once per process (a few hundred ms each); names carry a content hash, so
answers are cached for a year by browsers and the caching proxy.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import httpx
from django.conf import settings
from django.urls import reverse
from django.utils._os import safe_join

from core.links import absolute_url
from core.raster import PictureNotDrawable, framed_png, square_picture
from saleor_client.values import Picture

MAX_SVG_BYTES = 1024 * 1024


RASTER_WIDTHS = (320, 640, 960, 1280)
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "png": "image/png"}
# Listings (JSON-LD, Merchant Center) get the largest square PNG: every reader takes PNG.
LISTING_WIDTH, LISTING_FORMAT = RASTER_WIDTHS[-1], "png"
# The gallery's CSS (shop.css): pictures at most 400 px wide; on phones two share the width.
GALLERY_SIZES = "(min-width: 52rem) 400px, 45vw"
GALLERY_BOX = 400


class NoSuchPicture(Exception):
    """No SVG picture of that name in the media folder or the bucket."""


class SizeNotOffered(Exception):
    """A width or format the storefront does not draw; the message says which ones it does."""


@dataclass(frozen=True)
class PictureSource:
    content_type: str
    srcset: str


@dataclass(frozen=True)
class GalleryPicture:
    """One `<picture>` of the product page: AVIF and WebP sources, and a PNG `<img>` fallback."""

    alt: str
    src: str
    srcset: str = ""
    sources: tuple[PictureSource, ...] = ()
    sizes: str = GALLERY_SIZES
    width: int = GALLERY_BOX
    height: int = GALLERY_BOX


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


def _raster_path(name: str, width: int, image_format: str) -> str:
    return reverse("catalog:picture-raster", kwargs={"name": name, "width": str(width), "image_format": image_format})


def _srcset(name: str, image_format: str) -> str:
    return ", ".join(f"{_raster_path(name, width, image_format)} {width}w" for width in RASTER_WIDTHS)


def gallery(pictures: tuple[Picture, ...]) -> tuple[GalleryPicture, ...]:
    """The product page's pictures; one that is not an SVG (nothing to draw from) is shown as it is."""
    drawn = []
    for picture in pictures:
        if picture.svg_stem is None:
            drawn.append(GalleryPicture(alt=picture.alt, src=picture.path))
            continue
        drawn.append(GalleryPicture(
            alt=picture.alt,
            src=_raster_path(picture.svg_stem, RASTER_WIDTHS[1], "png"),
            srcset=_srcset(picture.svg_stem, "png"),
            sources=tuple(PictureSource(CONTENT_TYPES[image_format], _srcset(picture.svg_stem, image_format))
                          for image_format in ("avif", "webp")),
        ))
    return tuple(drawn)


def listing_url(picture: Picture) -> str:
    """The picture for search results and Merchant Center: a large square PNG (absolute URL)."""
    if picture.svg_stem is None:
        return picture.absolute_url
    return absolute_url("catalog:picture-raster", name=picture.svg_stem, width=str(LISTING_WIDTH),
                        image_format=LISTING_FORMAT)


def _offered(width: str, image_format: str) -> int:
    if image_format not in CONTENT_TYPES:
        raise SizeNotOffered(f"Pictures come as {', '.join(CONTENT_TYPES)}, not as {image_format!r}.")
    if width not in {str(offered) for offered in RASTER_WIDTHS}:
        raise SizeNotOffered(f"Pictures come {', '.join(map(str, RASTER_WIDTHS))} pixels wide, not {width!r}.")
    return int(width)


def drawn_product_picture(*, name: str, width: str, image_format: str) -> bytes:
    """The square `width`-pixel `image_format` drawing of the product picture `<name>.svg`;
    raises SizeNotOffered before any source is read, NoSuchPicture when there is none."""
    return _drawn_square(name, _offered(width, image_format), image_format)


# Two pictures × four widths × three formats fit with room to spare; a few KB to 35 KB each.
@functools.lru_cache(maxsize=48)
def _drawn_square(name: str, width: int, image_format: str) -> bytes:
    try:
        return square_picture(_svg_source(name + ".svg"), width, image_format)
    except PictureNotDrawable as error:
        raise NoSuchPicture(name) from error
