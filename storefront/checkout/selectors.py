from django.core.cache import cache

from saleor_client.client import saleor

from .models import ReleasedHold

COUNTRIES_KEY = "checkout:countries"


def shop_countries() -> list[tuple[str, str]]:
    """(code, name) of the countries Saleor knows, for the address form; cached for a day."""
    countries = cache.get(COUNTRIES_KEY)
    if countries is None:
        countries = [(country.code, country.country) for country in saleor().shop_countries().shop.countries]
        cache.set(COUNTRIES_KEY, countries, 24 * 3600)
    return countries


def released_holds(limit: int = 50) -> list[ReleasedHold]:
    """The card holds the shop released because no order is paid with them, newest first."""
    return list(ReleasedHold.objects.order_by("-released")[:limit])
