from django import template

from ..selectors import queue_figures

register = template.Library()


@register.inclusion_tag("waiting_room/_dashboard_tile.html")
def waiting_room_tile() -> dict:
    """On the staff dashboard while buyers wait to enter checkout."""
    return {"queue": queue_figures()}
