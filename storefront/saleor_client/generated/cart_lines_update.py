from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CartLinesUpdate(BaseModel):
    checkout_lines_update: Optional["CartLinesUpdateCheckoutLinesUpdate"] = Field(
        alias="checkoutLinesUpdate"
    )


class CartLinesUpdateCheckoutLinesUpdate(BaseModel):
    checkout: Optional["CartLinesUpdateCheckoutLinesUpdateCheckout"]
    checkout_errors: list["CartLinesUpdateCheckoutLinesUpdateCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


CartLinesUpdateCheckoutLinesUpdateCheckout = CartDetails
CartLinesUpdateCheckoutLinesUpdateCheckoutErrors = CheckoutErrorFields
CartLinesUpdate.model_rebuild()
CartLinesUpdateCheckoutLinesUpdate.model_rebuild()
