from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import PaymentErrorFields


class PaymentReleaseHolds(BaseModel):
    qlclaw_payment_release_holds: Optional[
        "PaymentReleaseHoldsQlclawPaymentReleaseHolds"
    ] = Field(alias="qlclawPaymentReleaseHolds")


class PaymentReleaseHoldsQlclawPaymentReleaseHolds(BaseModel):
    released: list["PaymentReleaseHoldsQlclawPaymentReleaseHoldsReleased"]
    payment_errors: list[
        "PaymentReleaseHoldsQlclawPaymentReleaseHoldsPaymentErrors"
    ] = Field(alias="paymentErrors")


class PaymentReleaseHoldsQlclawPaymentReleaseHoldsReleased(BaseModel):
    intent_id: str = Field(alias="intentId")
    amount: float
    status: str


PaymentReleaseHoldsQlclawPaymentReleaseHoldsPaymentErrors = PaymentErrorFields
PaymentReleaseHolds.model_rebuild()
PaymentReleaseHoldsQlclawPaymentReleaseHolds.model_rebuild()
