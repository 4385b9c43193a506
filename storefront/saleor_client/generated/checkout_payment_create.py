from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PaymentErrorCode


class CheckoutPaymentCreate(BaseModel):
    checkout_payment_create: Optional["CheckoutPaymentCreateCheckoutPaymentCreate"] = (
        Field(alias="checkoutPaymentCreate")
    )


class CheckoutPaymentCreateCheckoutPaymentCreate(BaseModel):
    payment: Optional["CheckoutPaymentCreateCheckoutPaymentCreatePayment"]
    payment_errors: list["CheckoutPaymentCreateCheckoutPaymentCreatePaymentErrors"] = (
        Field(alias="paymentErrors")
    )


class CheckoutPaymentCreateCheckoutPaymentCreatePayment(BaseModel):
    id: str


class CheckoutPaymentCreateCheckoutPaymentCreatePaymentErrors(BaseModel):
    field: Optional[str]
    code: PaymentErrorCode
    message: Optional[str]


CheckoutPaymentCreate.model_rebuild()
CheckoutPaymentCreateCheckoutPaymentCreate.model_rebuild()
