"""Catalog reads, cached: product pages must not wait for Saleor on every request.

Keys carry a generation number (`shared_cache.generation`); `purge_catalog()` bumps it, which retires every cached
catalog entry at once in the shared cache (all worker processes see it).
"""
from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import yaml
from django.conf import settings
from django.core.cache import cache

from saleor_client.client import saleor
from saleor_client.generated.enums import CountryCode
from saleor_client.generated.product_details import ProductDetailsProduct
from saleor_client.values import Money, Picture
from shared_cache.generation import catalog_cache_key

logger = logging.getLogger(__name__)

MISSING = "missing"
LOW_STOCK_THRESHOLD = 5


@dataclass(frozen=True)
class Specification:
    name: str
    value: str


@dataclass(frozen=True)
class ProductQuestion:
    question: str
    answer: str


@dataclass(frozen=True)
class ProductCard:
    slug: str
    name: str
    paragraphs: tuple[str, ...]
    seo_title: str
    seo_description: str
    price: Money
    quantity_available: int
    pictures: tuple[Picture, ...]
    variant_id: Optional[str]
    sku: str = ""
    # From the product's public metadata, written by the seed from the catalog file.
    specifications: tuple[Specification, ...] = ()
    faq: tuple[ProductQuestion, ...] = ()

    @property
    def in_stock(self) -> bool:
        return self.quantity_available > 0

    @property
    def max_quantity(self) -> int:
        return min(self.quantity_available, 50)

    @property
    def low_stock(self) -> bool:
        return 0 < self.quantity_available <= LOW_STOCK_THRESHOLD


@dataclass(frozen=True)
class MultiBuy:
    """Two or more for less (`multi_buy:` in the catalog file): an amount off the order, as a
    Saleor voucher with a minimum quantity that the storefront applies itself (cart.services)."""

    code: str
    name: str
    min_quantity: int
    amount_off: Decimal

    def price_for(self, unit: Money) -> Money:
        """What `min_quantity` units cost with the saving, from one unit's price."""
        return Money(unit.amount * self.min_quantity - self.amount_off, unit.currency)

    def saving(self, currency: str) -> Money:
        return Money(self.amount_off, currency)


@functools.cache
def multi_buy() -> Optional[MultiBuy]:
    data = yaml.safe_load(Path(settings.CATALOG_FILE).read_text(encoding="utf-8")).get("multi_buy")
    if not data or not settings.MULTI_BUY_OFFER:
        return None
    return MultiBuy(code=str(data["code"]), name=str(data["name"]), min_quantity=int(data["min_quantity"]),
                    amount_off=Decimal(str(data["amount_off"])).quantize(Decimal("0.01")))


def _card_key(slug: str) -> str:
    return catalog_cache_key(f"product:{slug}")


def product_card(slug: str) -> Optional[ProductCard]:
    key = _card_key(slug)
    cached = cache.get(key)
    if cached == MISSING:
        return None
    if cached is not None:
        return cached
    result = saleor().product_details(slug=slug, country=CountryCode(settings.SHOP_COUNTRY))
    card = _card_from_saleor(result.product) if result.product else None
    cache.set(key, card or MISSING, settings.CATALOG_CACHE_SECONDS)
    return card


def kept_product_card(slug: str) -> Optional[ProductCard]:
    """The product's card if the catalog cache holds it, else None: no Saleor call, for a page
    that must never wait on Saleor (the checkout's queue page, far back in the line)."""
    cached = cache.get(_card_key(slug))
    return cached if isinstance(cached, ProductCard) else None


def _card_from_saleor(product: ProductDetailsProduct) -> ProductCard:
    start = product.pricing.price_range.start if product.pricing and product.pricing.price_range else None
    variants = [variant for variant in product.variants or [] if variant]
    blocks = (product.description_json or {}).get("blocks", [])
    return ProductCard(
        slug=product.slug,
        name=product.name,
        paragraphs=tuple(block["text"] for block in blocks if block.get("text")),
        seo_title=product.seo_title or product.name,
        seo_description=product.seo_description or "",
        price=Money.from_saleor(start.gross if start else None, settings.SHOP_CURRENCY),
        quantity_available=sum(variant.quantity_available for variant in variants),
        pictures=tuple(picture for picture in (Picture.from_saleor(image) for image in product.images or [] if image) if picture),
        variant_id=variants[0].id if variants else None,
        sku=variants[0].sku if variants else "",
        specifications=tuple(Specification(name=str(item["name"]), value=str(item["value"]))
                             for item in _metadata_list(product, "specifications", ("name", "value"))),
        faq=tuple(ProductQuestion(question=str(item["question"]), answer=str(item["answer"]))
                  for item in _metadata_list(product, "faq", ("question", "answer"))),
    )


def _metadata_list(product: ProductDetailsProduct, key: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """A JSON list of objects kept under `key` in the product's metadata; a malformed one is
    logged and left out, so a bad edit in Saleor never breaks the product page."""
    raw = next((item.value for item in product.metadata if item and item.key == key), None)
    if raw is None:
        return []
    try:
        items = json.loads(raw)
        if isinstance(items, list) and all(isinstance(item, dict) and all(f in item for f in fields) for item in items):
            return items
    except ValueError:
        pass
    logger.warning("Product %s has malformed %r metadata; not shown", product.slug, key)
    return []
