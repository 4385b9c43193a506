"""The multi-buy offer as a product's buy box shows it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from django import template

from saleor_client.values import Money

from ..selectors import ProductCard, multi_buy

register = template.Library()


@dataclass(frozen=True)
class ShownOffer:
    quantity: int
    price: Money  # for `quantity` units, the saving taken off
    saving: Money


@register.simple_tag
def multi_buy_for(product: ProductCard) -> Optional[ShownOffer]:
    """The offer, when there is one and the stock holds enough units for it."""
    offer = multi_buy()
    if offer is None or product.max_quantity < offer.min_quantity:
        return None
    return ShownOffer(quantity=offer.min_quantity, price=offer.price_for(product.price),
                      saving=offer.saving(product.price.currency))
