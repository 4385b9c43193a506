from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CheckoutErrorFields


class CartLinesAdd(BaseModel):
    qlclaw_checkout_lines_add: Optional["CartLinesAddQlclawCheckoutLinesAdd"] = Field(
        alias="qlclawCheckoutLinesAdd"
    )


class CartLinesAddQlclawCheckoutLinesAdd(BaseModel):
    checkout: Optional["CartLinesAddQlclawCheckoutLinesAddCheckout"]
    checkout_errors: list["CartLinesAddQlclawCheckoutLinesAddCheckoutErrors"] = Field(
        alias="checkoutErrors"
    )


class CartLinesAddQlclawCheckoutLinesAddCheckout(BaseModel):
    token: Any
    quantity: int
    voucher_code: Optional[str] = Field(alias="voucherCode")


CartLinesAddQlclawCheckoutLinesAddCheckoutErrors = CheckoutErrorFields
CartLinesAdd.model_rebuild()
CartLinesAddQlclawCheckoutLinesAdd.model_rebuild()
