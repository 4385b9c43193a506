from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CheckoutSetShippingMethod(BaseModel):
    checkout_shipping_method_update: Optional[
        "CheckoutSetShippingMethodCheckoutShippingMethodUpdate"
    ] = Field(alias="checkoutShippingMethodUpdate")


class CheckoutSetShippingMethodCheckoutShippingMethodUpdate(BaseModel):
    checkout: Optional["CheckoutSetShippingMethodCheckoutShippingMethodUpdateCheckout"]
    checkout_errors: list[
        "CheckoutSetShippingMethodCheckoutShippingMethodUpdateCheckoutErrors"
    ] = Field(alias="checkoutErrors")


CheckoutSetShippingMethodCheckoutShippingMethodUpdateCheckout = CartDetails
CheckoutSetShippingMethodCheckoutShippingMethodUpdateCheckoutErrors = (
    CheckoutErrorFields
)
CheckoutSetShippingMethod.model_rebuild()
CheckoutSetShippingMethodCheckoutShippingMethodUpdate.model_rebuild()
