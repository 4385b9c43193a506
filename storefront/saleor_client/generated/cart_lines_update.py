from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartPageDetails, CheckoutErrorFields


class CartLinesUpdate(BaseModel):
    checkout_lines_update: Optional["CartLinesUpdateCheckoutLinesUpdate"] = Field(
        alias="checkoutLinesUpdate"
    )


class CartLinesUpdateCheckoutLinesUpdate(BaseModel):
    checkout: Optional["CartLinesUpdateCheckoutLinesUpdateCheckout"]
    checkout_errors: list["CartLinesUpdateCheckoutLinesUpdateCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


CartLinesUpdateCheckoutLinesUpdateCheckout = CartPageDetails
CartLinesUpdateCheckoutLinesUpdateCheckoutErrors = CheckoutErrorFields
CartLinesUpdate.model_rebuild()
CartLinesUpdateCheckoutLinesUpdate.model_rebuild()
