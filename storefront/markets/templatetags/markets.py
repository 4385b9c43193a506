from __future__ import annotations

from typing import Optional

from django import template

from markets.dashboard import tax_tile as tax_tile_for
from markets.selectors import Market
from markets.selectors import tax_note as words_for

register = template.Library()


@register.filter
def tax_note(market: Optional[Market]) -> str:
    """`{{ cart.market|tax_note }}`: the market's words about tax, or the words for every market."""
    return words_for(market)


@register.simple_tag
def tax_note_for_every_market() -> str:
    """Pages shown before the buyer's country is known (and shared by every visitor)."""
    return words_for(None)


@register.inclusion_tag("markets/_dashboard_tile.html")
def tax_tile() -> dict:
    """The staff dashboard's tile: tax collected this month per market."""
    return {"tile": tax_tile_for()}
