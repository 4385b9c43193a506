from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PaymentChargeStatusEnum, PaymentErrorCode


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


class PaymentVoidPaymentVoidPaymentErrors(BaseModel):
    field: Optional[str]
    code: PaymentErrorCode
    message: Optional[str]


PaymentVoid.model_rebuild()
PaymentVoidPaymentVoid.model_rebuild()
