from django.conf import settings
from django.http import HttpRequest


def canonical_url(request: HttpRequest) -> dict:
    """Absolute address of the page on the shop's public host (no query string)."""
    return {"canonical_url": settings.SHOP_BASE_URL + request.path, "shop_base_url": settings.SHOP_BASE_URL}
