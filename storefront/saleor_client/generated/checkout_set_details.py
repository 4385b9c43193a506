from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CheckoutSetDetails(BaseModel):
    checkout_email_update: Optional["CheckoutSetDetailsCheckoutEmailUpdate"] = Field(
        alias="checkoutEmailUpdate"
    )
    checkout_shipping_address_update: Optional[
        "CheckoutSetDetailsCheckoutShippingAddressUpdate"
    ] = Field(alias="checkoutShippingAddressUpdate")
    checkout_billing_address_update: Optional[
        "CheckoutSetDetailsCheckoutBillingAddressUpdate"
    ] = Field(alias="checkoutBillingAddressUpdate")


class CheckoutSetDetailsCheckoutEmailUpdate(BaseModel):
    checkout_errors: list["CheckoutSetDetailsCheckoutEmailUpdateCheckoutErrors"] = (
        Field(alias="checkoutErrors")
    )


CheckoutSetDetailsCheckoutEmailUpdateCheckoutErrors = CheckoutErrorFields


class CheckoutSetDetailsCheckoutShippingAddressUpdate(BaseModel):
    checkout_errors: list[
        "CheckoutSetDetailsCheckoutShippingAddressUpdateCheckoutErrors"
    ] = Field(alias="checkoutErrors")


CheckoutSetDetailsCheckoutShippingAddressUpdateCheckoutErrors = CheckoutErrorFields


class CheckoutSetDetailsCheckoutBillingAddressUpdate(BaseModel):
    checkout: Optional["CheckoutSetDetailsCheckoutBillingAddressUpdateCheckout"]
    checkout_errors: list[
        "CheckoutSetDetailsCheckoutBillingAddressUpdateCheckoutErrors"
    ] = Field(alias="checkoutErrors")


CheckoutSetDetailsCheckoutBillingAddressUpdateCheckout = CartDetails
CheckoutSetDetailsCheckoutBillingAddressUpdateCheckoutErrors = CheckoutErrorFields
CheckoutSetDetails.model_rebuild()
CheckoutSetDetailsCheckoutEmailUpdate.model_rebuild()
CheckoutSetDetailsCheckoutShippingAddressUpdate.model_rebuild()
CheckoutSetDetailsCheckoutBillingAddressUpdate.model_rebuild()
