"""Raster versions of the shop's SVG pictures, for places that take no SVG or draw them slowly.

Social apps' link previews (`og:image`) and Google's product listings use PNG, JPEG or WebP
only, so share pictures and product images are drawn from the SVG sources here with CairoSVG
(it needs the system's libcairo2); Pillow encodes the drawing as AVIF, WebP or PNG. Nothing is
committed: each picture is drawn once per process, on first request, and served with a long
cache lifetime.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ElementTree
from html import escape

import cairosvg
from PIL import Image

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
TEXT_COLOUR = "#1d2321"
PAPER = "#f7f3ec"
ACCENT = "#1f5f5b"
FONT = "DejaVu Sans, Liberation Sans, sans-serif"

ElementTree.register_namespace("", SVG_NAMESPACE)


class PictureNotDrawable(Exception):
    """An SVG source that CairoSVG cannot draw; the message names what is wrong."""


def png_from_svg(svg: str | bytes) -> bytes:
    # unsafe=False (CairoSVG's default, said here so no one drops it): no XML entities, and no
    # file or address named in an SVG is ever read — only data: URLs.
    try:
        return cairosvg.svg2png(bytestring=svg.encode() if isinstance(svg, str) else svg, unsafe=False)
    except Exception as error:  # CairoSVG raises parser and drawing errors of many types
        raise PictureNotDrawable(str(error) or error.__class__.__name__) from error


# Pillow's encoders and what each is told. Flat-coloured drawings: AVIF at quality 60 and WebP at
# 80 show no visible blur at these sizes; PNG stays lossless (it is the fallback and og:image format).
ENCODINGS: dict[str, tuple[str, dict]] = {
    "avif": ("AVIF", {"quality": 60, "speed": 6}),
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "png": ("PNG", {"optimize": True}),
}


def square_picture(svg: str | bytes, size: int, image_format: str) -> bytes:
    """The picture fitted into a size×size square on white, drawn at that size (not scaled down
    from a larger drawing, so lines stay sharp) and encoded as `image_format` (a key of ENCODINGS)."""
    pillow_format, options = ENCODINGS[image_format]
    png = png_from_svg(
        f'<svg xmlns="{SVG_NAMESPACE}" width="{size}" height="{size}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>{nested_picture(svg, 0, 0, size, size)}</svg>'
    )
    encoded = io.BytesIO()
    with Image.open(io.BytesIO(png)) as drawing:
        drawing.save(encoded, pillow_format, **options)
    return encoded.getvalue()


def nested_picture(svg: str | bytes, x: float, y: float, width: float, height: float) -> str:
    """The picture as an <svg> element placed in a box of another SVG, keeping its proportions."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise PictureNotDrawable(f"not valid SVG ({error})") from error
    if not root.get("viewBox") and root.get("width") and root.get("height"):
        root.set("viewBox", f"0 0 {root.get('width')} {root.get('height')}")
    for name, value in {"x": x, "y": y, "width": width, "height": height}.items():
        root.set(name, f"{value:g}")
    root.set("preserveAspectRatio", "xMidYMid meet")
    # CairoSVG does not clip a nested <svg> to its box, so what lies outside the picture's
    # viewBox (legs below a crop) is clipped here.
    return (
        f'<clipPath id="picture-box"><rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"/></clipPath>'
        f'<g clip-path="url(#picture-box)">{ElementTree.tostring(root, encoding="unicode")}</g>'
    )


def wrap(text: str, width: int) -> list[str]:
    """Words in lines of at most `width` characters (a long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def share_card_svg(picture_svg: str | bytes, heading: str, subheading: str = "", label: str = "QL Claw") -> str:
    """A 1200×630 share picture: the SVG picture on the left, the page's words on the right."""
    heading_lines = wrap(heading, 18)[:4]
    sub_lines = wrap(subheading, 30)[:3]
    parts = [
        f'<svg xmlns="{SVG_NAMESPACE}" width="{SHARE_WIDTH}" height="{SHARE_HEIGHT}" viewBox="0 0 {SHARE_WIDTH} {SHARE_HEIGHT}">',
        f'<rect width="{SHARE_WIDTH}" height="{SHARE_HEIGHT}" fill="{PAPER}"/>',
        '<rect x="24" y="24" width="520" height="582" rx="16" fill="#fff"/>',
        nested_picture(picture_svg, 40, 40, 488, 550),
        f'<rect x="592" y="64" width="72" height="8" fill="{ACCENT}"/>',
        f'<text x="592" y="120" font-family="{FONT}" font-size="30" fill="{ACCENT}" font-weight="700">{escape(label)}</text>',
    ]
    y = 200
    for line in heading_lines:
        parts.append(f'<text x="592" y="{y}" font-family="{FONT}" font-size="54" font-weight="700" fill="{TEXT_COLOUR}">{escape(line)}</text>')
        y += 66
    y += 10
    for line in sub_lines:
        parts.append(f'<text x="592" y="{y}" font-family="{FONT}" font-size="34" fill="{TEXT_COLOUR}">{escape(line)}</text>')
        y += 46
    parts.append("</svg>")
    return "".join(parts)


def share_card_png(picture_svg: str | bytes, heading: str, subheading: str = "", label: str = "QL Claw") -> bytes:
    return png_from_svg(share_card_svg(picture_svg, heading, subheading, label))


def framed_png(picture_svg: str | bytes) -> bytes:
    """The picture alone, centred on a white 1200×630 canvas (product images carry no words)."""
    return png_from_svg(
        f'<svg xmlns="{SVG_NAMESPACE}" width="{SHARE_WIDTH}" height="{SHARE_HEIGHT}">'
        f'<rect width="{SHARE_WIDTH}" height="{SHARE_HEIGHT}" fill="#fff"/>'
        f"{nested_picture(picture_svg, 40, 30, SHARE_WIDTH - 80, SHARE_HEIGHT - 60)}</svg>"
    )
