from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import BuyerOrder, CheckoutErrorFields


class CheckoutComplete(BaseModel):
    checkout_complete: Optional["CheckoutCompleteCheckoutComplete"] = Field(
        alias="checkoutComplete"
    )


class CheckoutCompleteCheckoutComplete(BaseModel):
    order: Optional["CheckoutCompleteCheckoutCompleteOrder"]
    confirmation_needed: bool = Field(alias="confirmationNeeded")
    checkout_errors: list["CheckoutCompleteCheckoutCompleteCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


CheckoutCompleteCheckoutCompleteOrder = BuyerOrder
CheckoutCompleteCheckoutCompleteCheckoutErrors = CheckoutErrorFields
CheckoutComplete.model_rebuild()
CheckoutCompleteCheckoutComplete.model_rebuild()
