from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CheckoutAddPromoCode(BaseModel):
    checkout_add_promo_code: Optional["CheckoutAddPromoCodeCheckoutAddPromoCode"] = (
        Field(alias="checkoutAddPromoCode")
    )


class CheckoutAddPromoCodeCheckoutAddPromoCode(BaseModel):
    checkout: Optional["CheckoutAddPromoCodeCheckoutAddPromoCodeCheckout"]
    checkout_errors: list["CheckoutAddPromoCodeCheckoutAddPromoCodeCheckoutErrors"] = (
        Field(alias="checkoutErrors")
    )


CheckoutAddPromoCodeCheckoutAddPromoCodeCheckout = CartDetails
CheckoutAddPromoCodeCheckoutAddPromoCodeCheckoutErrors = CheckoutErrorFields
CheckoutAddPromoCode.model_rebuild()
CheckoutAddPromoCodeCheckoutAddPromoCode.model_rebuild()
