from typing import Optional

from .base_model import BaseModel


class CartLineIds(BaseModel):
    checkout: Optional["CartLineIdsCheckout"]


class CartLineIdsCheckout(BaseModel):
    lines: Optional[list[Optional["CartLineIdsCheckoutLines"]]]


class CartLineIdsCheckoutLines(BaseModel):
    id: str
    quantity: int


CartLineIds.model_rebuild()
CartLineIdsCheckout.model_rebuild()
