from __future__ import annotations

from django import template

from markets.dashboard import tax_tile as tax_tile_for
from markets.selectors import tax_note

register = template.Library()


@register.simple_tag
def tax_note_for_every_market() -> str:
    """Pages shown before the buyer's country is known (and shared by every visitor)."""
    return tax_note(None)


@register.inclusion_tag("markets/_dashboard_tile.html")
def tax_tile() -> dict:
    """The staff dashboard's tile: tax collected this month per market."""
    return {"tile": tax_tile_for()}
