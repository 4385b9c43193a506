from django import template
from django.conf import settings

from ..selectors import dashboard_tile

register = template.Library()


@register.inclusion_tag("reminders/_dashboard_tile.html")
def reminder_tile() -> dict:
    """On the staff dashboard: checkouts left, reminders sent, and the orders they brought back."""
    return {"tile": dashboard_tile(), "currency": settings.SHOP_CURRENCY}
