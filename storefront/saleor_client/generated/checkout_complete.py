from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CheckoutErrorFields, MoneyFields


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


class CheckoutCompleteCheckoutCompleteOrder(BaseModel):
    id: str
    token: str
    number: Optional[str]
    total: Optional["CheckoutCompleteCheckoutCompleteOrderTotal"]


class CheckoutCompleteCheckoutCompleteOrderTotal(BaseModel):
    gross: "CheckoutCompleteCheckoutCompleteOrderTotalGross"


CheckoutCompleteCheckoutCompleteOrderTotalGross = MoneyFields
CheckoutCompleteCheckoutCompleteCheckoutErrors = CheckoutErrorFields
CheckoutComplete.model_rebuild()
CheckoutCompleteCheckoutComplete.model_rebuild()
CheckoutCompleteCheckoutCompleteOrder.model_rebuild()
CheckoutCompleteCheckoutCompleteOrderTotal.model_rebuild()
