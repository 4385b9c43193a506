from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CheckoutErrorFields


class CartLinesAdd(BaseModel):
    checkout_lines_add: Optional["CartLinesAddCheckoutLinesAdd"] = Field(
        alias="checkoutLinesAdd"
    )


class CartLinesAddCheckoutLinesAdd(BaseModel):
    checkout: Optional["CartLinesAddCheckoutLinesAddCheckout"]
    checkout_errors: list["CartLinesAddCheckoutLinesAddCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


class CartLinesAddCheckoutLinesAddCheckout(BaseModel):
    token: Any
    quantity: int


CartLinesAddCheckoutLinesAddCheckoutErrors = CheckoutErrorFields
CartLinesAdd.model_rebuild()
CartLinesAddCheckoutLinesAdd.model_rebuild()
