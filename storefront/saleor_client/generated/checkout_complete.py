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
    metadata: list[Optional["CheckoutCompleteCheckoutCompleteOrderMetadata"]]
    shipping_address: Optional[
        "CheckoutCompleteCheckoutCompleteOrderShippingAddress"
    ] = Field(alias="shippingAddress")


class CheckoutCompleteCheckoutCompleteOrderTotal(BaseModel):
    gross: "CheckoutCompleteCheckoutCompleteOrderTotalGross"
    tax: "CheckoutCompleteCheckoutCompleteOrderTotalTax"


CheckoutCompleteCheckoutCompleteOrderTotalGross = MoneyFields
CheckoutCompleteCheckoutCompleteOrderTotalTax = MoneyFields


class CheckoutCompleteCheckoutCompleteOrderMetadata(BaseModel):
    key: str
    value: str


class CheckoutCompleteCheckoutCompleteOrderShippingAddress(BaseModel):
    country: "CheckoutCompleteCheckoutCompleteOrderShippingAddressCountry"


class CheckoutCompleteCheckoutCompleteOrderShippingAddressCountry(BaseModel):
    code: str


CheckoutCompleteCheckoutCompleteCheckoutErrors = CheckoutErrorFields
CheckoutComplete.model_rebuild()
CheckoutCompleteCheckoutComplete.model_rebuild()
CheckoutCompleteCheckoutCompleteOrder.model_rebuild()
CheckoutCompleteCheckoutCompleteOrderTotal.model_rebuild()
CheckoutCompleteCheckoutCompleteOrderShippingAddress.model_rebuild()
