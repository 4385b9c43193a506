"""Plain values the rest of the storefront uses instead of generated GraphQL models."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Optional
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def from_saleor(cls, money: Any, currency: str = "USD") -> Money:
        """Saleor 2.10 sends amounts as floats; through str() they keep their two decimals."""
        if money is None:
            return cls(Decimal("0.00"), currency)
        return cls(Decimal(str(money.amount)).quantize(Decimal("0.01")), money.currency)


@dataclass(frozen=True)
class Picture:
    path: str  # what an <img src> says: a path on the shop, or the bucket's or CDN's URL
    alt: str

    @classmethod
    def from_saleor(cls, image: Any) -> Optional[Picture]:
        """Saleor answers with its own absolute URL (its media folder or its bucket). Browsers
        fetch the file from the storefront (`/media/products/…`), or, with MEDIA_PUBLIC_URL set,
        from the bucket or CDN in front of it: the stored name is the same in both."""
        if not image:
            return None
        path = urlparse(image.url).path
        if settings.MEDIA_PUBLIC_URL and "/products/" in path:
            path = settings.MEDIA_PUBLIC_URL.rstrip("/") + "/products/" + path.split("/products/", 1)[1]
        return cls(path=path, alt=image.alt)

    @property
    def absolute_url(self) -> str:
        """For links that leave the page (Open Graph, JSON-LD)."""
        return self.path if "://" in self.path else settings.SHOP_BASE_URL + self.path

    @property
    def svg_stem(self) -> Optional[str]:
        """The stored name without `.svg` when the picture is an SVG the storefront draws rasters of."""
        if not self.path.endswith(".svg"):
            return None
        return self.path.rsplit("/", 1)[-1].removesuffix(".svg")

    @property
    def raster_url(self) -> str:
        """A 1200×630 PNG of an SVG picture, for link previews, which take no SVG: the storefront
        draws it (`/media/products/<name>.png`) wherever the SVG itself is kept."""
        if self.svg_stem is None:
            return self.absolute_url
        return settings.SHOP_BASE_URL + reverse("catalog:picture", args=[f"{self.svg_stem}.png"])


def parse_datetime(value: Any) -> Optional[datetime]:
    """Saleor sends DateTime scalars as ISO strings."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
