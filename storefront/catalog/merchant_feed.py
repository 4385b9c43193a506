"""The product feed for Google Merchant Center (RSS 2.0 with Google's `g:` attributes), at a
stable address (`/feeds/merchant.xml`): each product of the catalog file as Saleor prices and
stocks it, with its square raster pictures and the shop country's shipping methods.

Prices are those Saleor shows in the shop country (USD, before US sales tax, which Merchant
Center adds from the account's tax settings). A feed for EU or UK shoppers would need prices with
VAT included, one feed per target country; this one targets SHOP_COUNTRY."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from shipping.selectors import home_zone, transit_days

from .pictures import listing_url
from .selectors import ProductCard, product_card
from .structured_data import HANDLING_DAYS

GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0"
Attribute = tuple[str, Any]  # ("price", "39.00 USD") or ("shipping", [("country", "US"), ...])


class MerchantRss(Rss201rev2Feed):
    """RSS 2.0 whose items carry Google's product attributes (`g:id`, `g:price`, `g:shipping`…)."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:g": GOOGLE_NAMESPACE}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for name, value in item["merchant"]:
            if isinstance(value, list):
                handler.startElement(f"g:{name}", {})
                for sub_name, sub_value in value:
                    handler.addQuickElement(f"g:{sub_name}", sub_value)
                handler.endElement(f"g:{name}")
            else:
                handler.addQuickElement(f"g:{name}", value)


@cache
def catalog_slugs() -> tuple[str, ...]:
    """The products the catalog file seeds into Saleor, in its order (read once per process)."""
    data = yaml.safe_load(Path(settings.CATALOG_FILE).read_text(encoding="utf-8"))
    return tuple(str(product["slug"]) for product in data.get("products", []))


def _money(amount: Any, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def merchant_attributes(card: ProductCard) -> list[Attribute]:
    attributes: list[Attribute] = [
        ("id", card.sku or card.slug),
        ("price", _money(card.price.amount, card.price.currency)),
        ("availability", "in_stock" if card.in_stock else "out_of_stock"),
        ("condition", "new"),
        ("brand", "QL Claw"),
        # No GTIN or MPN has been issued for the tool: Merchant Center is told so.
        ("identifier_exists", "no"),
    ]
    # Square pictures: Merchant Center crops nothing and the tool fills the frame.
    pictures = [listing_url(picture) for picture in card.pictures]
    if pictures:
        attributes.append(("image_link", pictures[0]))
        attributes += [("additional_image_link", url) for url in pictures[1:10]]
    zone = home_zone()
    for rate in zone.rates if zone else ():
        shipping: list[tuple[str, str]] = [("country", settings.SHOP_COUNTRY), ("service", rate.name),
                                           ("price", _money(rate.price.amount, rate.price.currency))]
        transit = transit_days(rate.delivery)
        if transit:
            shipping += [("min_handling_time", str(HANDLING_DAYS[0])), ("max_handling_time", str(HANDLING_DAYS[1])),
                         ("min_transit_time", str(transit[0])), ("max_transit_time", str(transit[1]))]
        attributes.append(("shipping", shipping))
    return attributes


class MerchantFeed(Feed):
    feed_type = MerchantRss
    title = "QL Claw — products"
    description = "The QL Claw shop's products for Google Merchant Center."

    def link(self) -> str:
        return settings.SHOP_BASE_URL + reverse("catalog:home")

    def feed_url(self) -> str:
        return settings.SHOP_BASE_URL + reverse("catalog:merchant-feed")

    def items(self) -> list[ProductCard]:
        return [card for card in (product_card(slug) for slug in catalog_slugs()) if card is not None]

    def item_title(self, card: ProductCard) -> str:
        return card.name

    def item_description(self, card: ProductCard) -> str:
        return card.seo_description or (card.paragraphs[0] if card.paragraphs else card.name)

    def item_link(self, card: ProductCard) -> str:
        return settings.SHOP_BASE_URL + reverse("catalog:product", args=[card.slug])

    def item_guid(self, card: ProductCard) -> str:
        return card.sku or card.slug

    item_guid_is_permalink = False

    def item_extra_kwargs(self, card: ProductCard) -> dict[str, Any]:
        return {"merchant": merchant_attributes(card)}
