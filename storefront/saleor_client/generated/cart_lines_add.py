from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CartLinesAdd(BaseModel):
    checkout_lines_add: Optional["CartLinesAddCheckoutLinesAdd"] = Field(
        alias="checkoutLinesAdd"
    )


class CartLinesAddCheckoutLinesAdd(BaseModel):
    checkout: Optional["CartLinesAddCheckoutLinesAddCheckout"]
    checkout_errors: list["CartLinesAddCheckoutLinesAddCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


CartLinesAddCheckoutLinesAddCheckout = CartDetails
CartLinesAddCheckoutLinesAddCheckoutErrors = CheckoutErrorFields
CartLinesAdd.model_rebuild()
CartLinesAddCheckoutLinesAdd.model_rebuild()
