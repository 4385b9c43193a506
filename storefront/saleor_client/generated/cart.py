from typing import Optional

from .base_model import BaseModel
from .fragments import CartDetails


class Cart(BaseModel):
    checkout: Optional["CartCheckout"]


CartCheckout = CartDetails
Cart.model_rebuild()
