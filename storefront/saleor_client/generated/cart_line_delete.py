from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartPageDetails, CheckoutErrorFields


class CartLineDelete(BaseModel):
    checkout_line_delete: Optional["CartLineDeleteCheckoutLineDelete"] = Field(
        alias="checkoutLineDelete"
    )


class CartLineDeleteCheckoutLineDelete(BaseModel):
    checkout: Optional["CartLineDeleteCheckoutLineDeleteCheckout"]
    checkout_errors: list["CartLineDeleteCheckoutLineDeleteCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


CartLineDeleteCheckoutLineDeleteCheckout = CartPageDetails
CartLineDeleteCheckoutLineDeleteCheckoutErrors = CheckoutErrorFields
CartLineDelete.model_rebuild()
CartLineDeleteCheckoutLineDelete.model_rebuild()
