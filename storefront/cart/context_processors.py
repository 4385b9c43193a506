from django.http import HttpRequest

from .session import CartSession


def cart_quantity(request: HttpRequest) -> dict:
    """The header's item count, from the session: no Saleor call on every page."""
    if getattr(request, "shared_cache", False):
        return {}
    return {"cart_quantity": CartSession(request).quantity}
