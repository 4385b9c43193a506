"""Bytes and drawing time of the product pictures' rasters (catalog/pictures.py) at each width and
format, next to the SVG source they are drawn from (as stored, and gzipped as the proxy sends it).
Draws with the storefront's own code; needs no running shop.

    .venv/storefront/bin/python -m tests.benchmarks.product_pictures
"""
from __future__ import annotations

import gzip
import sys
import time

from deploy.runner.layout import CATALOG_FILE, ROOT

sys.path.insert(0, str(ROOT / "storefront"))

from core.raster import square_picture  # noqa: E402

WIDTHS = (320, 640, 960, 1280)
FORMATS = ("avif", "webp", "png")


def main() -> None:
    for source in sorted((CATALOG_FILE.parent / "pictures").glob("*.svg")):
        svg = source.read_bytes()
        print(f"\n{source.name}: SVG {len(svg):,} bytes, gzipped {len(gzip.compress(svg, 9)):,} bytes")
        print(f"{'width':>6} " + " ".join(f"{name + ' bytes':>11} {'ms':>5}" for name in FORMATS))
        for width in WIDTHS:
            cells = []
            for image_format in FORMATS:
                started = time.perf_counter()
                drawn = square_picture(svg, width, image_format)
                cells.append(f"{len(drawn):>11,} {(time.perf_counter() - started) * 1000:>5.0f}")
            print(f"{width:>6} " + " ".join(cells))


if __name__ == "__main__":
    main()
