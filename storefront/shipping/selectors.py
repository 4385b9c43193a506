"""What shipping costs and how long it takes, before checkout.

Prices, zones and countries are Saleor's (its shipping zones, cached like the catalog and
purged with it). Delivery estimates are not in Saleor 2.10: they live beside each method in
the seed file (`delivery:` in deploy/seed/catalog.yaml), found here by the method's name.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml
from django.conf import settings
from django.core.cache import cache

from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorGraphQLError, SaleorUnavailable, present
from saleor_client.generated.shipping_zones import ShippingZonesShippingZonesEdgesNode
from saleor_client.values import Money
from shared_cache.generation import catalog_cache_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShippingRate:
    name: str
    price: Money
    delivery: str

    @property
    def label(self) -> str:
        """"Standard, 3–5 business days": one pair of words, never brackets in brackets."""
        return f"{self.name}, {self.delivery}" if self.delivery else self.name


@dataclass(frozen=True)
class ShippingZone:
    name: str
    countries: tuple[str, ...]
    country_codes: tuple[str, ...]
    rest_of_world: bool
    rates: tuple[ShippingRate, ...]


@functools.cache
def delivery_estimates() -> dict[str, str]:
    """Method name -> delivery estimate, from the seed file (read once per process)."""
    data = yaml.safe_load(Path(settings.CATALOG_FILE).read_text(encoding="utf-8"))
    return {
        str(method["name"]): str(method.get("delivery", ""))
        for market in data.get("markets", [])
        for method in market.get("methods", [])
    }


def delivery_estimate(method_name: str) -> str:
    return delivery_estimates().get(method_name, "")


DAYS = re.compile(r"(\d+)\s*[–-]\s*(\d+) business days|(\d+) business days?")


def transit_days(delivery: str) -> Optional[tuple[int, int]]:
    """"3–5 business days" -> (3, 5); None for an estimate in other words."""
    match = DAYS.fullmatch(delivery.strip())
    if not match:
        return None
    if match.group(3):
        return int(match.group(3)), int(match.group(3))
    return int(match.group(1)), int(match.group(2))


def shipping_zones() -> tuple[ShippingZone, ...]:
    """Saleor's shipping zones, countries in alphabetical order, the rest of the world last."""
    key = catalog_cache_key("shipping-zones")
    zones = cache.get(key)
    if zones is None:
        edges = present(saleor_as_storefront_app().shipping_zones().shipping_zones, "shipping zones").edges
        zones = tuple(sorted((_zone(edge.node) for edge in edges), key=lambda zone: (zone.rest_of_world, zone.name)))
        cache.set(key, zones, settings.CATALOG_CACHE_SECONDS)
    return zones


def _zone(node: ShippingZonesShippingZonesEdgesNode) -> ShippingZone:
    countries = sorted((country for country in node.countries or [] if country), key=lambda country: country.country)
    methods = [method for method in node.shipping_methods or [] if method]
    return ShippingZone(
        name=node.name,
        countries=tuple(country.country for country in countries),
        country_codes=tuple(country.code for country in countries),
        rest_of_world=node.default,
        rates=tuple(
            sorted(
                (
                    ShippingRate(method.name, Money.from_saleor(method.price, settings.SHOP_CURRENCY), delivery_estimate(method.name))
                    for method in methods
                ),
                key=lambda rate: rate.price.amount,
            )
        ),
    )


def shipping_zones_if_known() -> tuple[ShippingZone, ...]:
    """The zones, or none while Saleor cannot tell and nothing is cached: a product or policy
    page still renders (and links to the shipping page) rather than failing."""
    try:
        return shipping_zones()
    except SaleorUnavailable as error:
        logger.warning("Shipping zones not shown: %s", error)
    except SaleorGraphQLError as error:  # e.g. the app lacks manage_shipping: a setup mistake
        logger.error("Saleor refused the shipping zones: %s", error)
    return ()


def zone_for_country(country_code: str) -> Optional[ShippingZone]:
    """The zone a buyer in this country ships from, as Saleor picks it: the zone that lists the
    country (every market is one zone; a country in none is not shipped to)."""
    zones = shipping_zones_if_known()
    zone = next((zone for zone in zones if country_code in zone.country_codes), None)
    return zone or next((zone for zone in zones if zone.rest_of_world), None)


def home_zone() -> Optional[ShippingZone]:
    """The shop country's zone: what the product page and the cart show."""
    return zone_for_country(settings.SHOP_COUNTRY)
