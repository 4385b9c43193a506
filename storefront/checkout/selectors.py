from django.core.cache import cache

from markets.selectors import countries_sold_to
from saleor_client.client import saleor

from .models import ReleasedHold

COUNTRIES_KEY = "checkout:countries"


def country_names() -> dict[str, str]:
    """Code -> name of every country Saleor knows; cached for a day."""
    countries = cache.get(COUNTRIES_KEY)
    if countries is None:
        countries = [(country.code, country.country) for country in saleor().shop_countries().shop.countries]
        cache.set(COUNTRIES_KEY, countries, 24 * 3600)
    return dict(countries)


def shop_countries() -> list[tuple[str, str]]:
    """(code, name) of the countries the shop sells to (those in a market), for the address form."""
    sold_to = countries_sold_to()
    return [(code, name) for code, name in country_names().items() if code in sold_to]


def released_holds(limit: int = 50) -> list[ReleasedHold]:
    """The card holds the shop released because no order is paid with them, newest first."""
    return list(ReleasedHold.objects.order_by("-released")[:limit])
