from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CheckoutErrorFields


class CartCreate(BaseModel):
    checkout_create: Optional["CartCreateCheckoutCreate"] = Field(
        alias="checkoutCreate"
    )


class CartCreateCheckoutCreate(BaseModel):
    checkout: Optional["CartCreateCheckoutCreateCheckout"]
    checkout_errors: list["CartCreateCheckoutCreateCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


class CartCreateCheckoutCreateCheckout(BaseModel):
    token: Any
    quantity: int
    voucher_code: Optional[str] = Field(alias="voucherCode")


CartCreateCheckoutCreateCheckoutErrors = CheckoutErrorFields
CartCreate.model_rebuild()
CartCreateCheckoutCreate.model_rebuild()
