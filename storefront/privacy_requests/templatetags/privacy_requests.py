from django import template
from django.conf import settings

from ..selectors import data_request_tile

register = template.Library()


@register.inclusion_tag("privacy_requests/_dashboard_tile.html")
def data_requests_tile() -> dict:
    """On the staff dashboard: requests of the last 30 days and the newest one's deadline."""
    return {"tile": data_request_tile(), "shop_time_zone": settings.SHOP_TIME_ZONE}
