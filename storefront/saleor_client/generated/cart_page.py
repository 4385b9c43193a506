from typing import Optional

from .base_model import BaseModel
from .fragments import CartPageDetails


class CartPage(BaseModel):
    checkout: Optional["CartPageCheckout"]


CartPageCheckout = CartPageDetails
CartPage.model_rebuild()
