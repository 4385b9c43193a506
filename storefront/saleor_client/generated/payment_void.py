from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PaymentChargeStatusEnum
from .fragments import PaymentErrorFields


class PaymentVoid(BaseModel):
    payment_void: Optional["PaymentVoidPaymentVoid"] = Field(alias="paymentVoid")


class PaymentVoidPaymentVoid(BaseModel):
    payment: Optional["PaymentVoidPaymentVoidPayment"]
    payment_errors: list["PaymentVoidPaymentVoidPaymentErrors"] = Field(
        alias="paymentErrors"
    )


class PaymentVoidPaymentVoidPayment(BaseModel):
    id: str
    charge_status: PaymentChargeStatusEnum = Field(alias="chargeStatus")


PaymentVoidPaymentVoidPaymentErrors = PaymentErrorFields
PaymentVoid.model_rebuild()
PaymentVoidPaymentVoid.model_rebuild()
