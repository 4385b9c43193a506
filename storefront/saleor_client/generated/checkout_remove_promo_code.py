from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CartDetails, CheckoutErrorFields


class CheckoutRemovePromoCode(BaseModel):
    checkout_remove_promo_code: Optional[
        "CheckoutRemovePromoCodeCheckoutRemovePromoCode"
    ] = Field(alias="checkoutRemovePromoCode")


class CheckoutRemovePromoCodeCheckoutRemovePromoCode(BaseModel):
    checkout: Optional["CheckoutRemovePromoCodeCheckoutRemovePromoCodeCheckout"]
    checkout_errors: list[
        "CheckoutRemovePromoCodeCheckoutRemovePromoCodeCheckoutErrors"
    ] = Field(alias="checkoutErrors")


CheckoutRemovePromoCodeCheckoutRemovePromoCodeCheckout = CartDetails
CheckoutRemovePromoCodeCheckoutRemovePromoCodeCheckoutErrors = CheckoutErrorFields
CheckoutRemovePromoCode.model_rebuild()
CheckoutRemovePromoCodeCheckoutRemovePromoCode.model_rebuild()
