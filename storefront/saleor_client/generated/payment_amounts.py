from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class PaymentAmounts(BaseModel):
    payment: Optional["PaymentAmountsPayment"]


class PaymentAmountsPayment(BaseModel):
    id: str
    total: Optional["PaymentAmountsPaymentTotal"]
    captured_amount: Optional["PaymentAmountsPaymentCapturedAmount"] = Field(
        alias="capturedAmount"
    )


PaymentAmountsPaymentTotal = MoneyFields
PaymentAmountsPaymentCapturedAmount = MoneyFields
PaymentAmounts.model_rebuild()
PaymentAmountsPayment.model_rebuild()
