from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import PaymentErrorFields


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


CheckoutPaymentCreateCheckoutPaymentCreatePaymentErrors = PaymentErrorFields
CheckoutPaymentCreate.model_rebuild()
CheckoutPaymentCreateCheckoutPaymentCreate.model_rebuild()
