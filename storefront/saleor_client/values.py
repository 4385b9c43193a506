"""Plain values the rest of the storefront uses instead of generated GraphQL models."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Optional
from urllib.parse import urlparse


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
    path: str
    alt: str

    @property
    def raster_path(self) -> str:
        """A PNG of an SVG picture (drawn by the catalog), for search and link previews that take no SVG."""
        return self.path.removesuffix(".svg") + ".png" if self.path.endswith(".svg") else self.path

    @classmethod
    def from_saleor(cls, image: Any) -> Optional[Picture]:
        # Saleor answers with its own absolute URL; browsers fetch the file from the storefront.
        return cls(path=urlparse(image.url).path, alt=image.alt) if image else None
