from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderErrorCode, PaymentChargeStatusEnum


class OrderCapture(BaseModel):
    order_capture: Optional["OrderCaptureOrderCapture"] = Field(alias="orderCapture")


class OrderCaptureOrderCapture(BaseModel):
    order: Optional["OrderCaptureOrderCaptureOrder"]
    order_errors: list["OrderCaptureOrderCaptureOrderErrors"] = Field(
        alias="orderErrors"
    )


class OrderCaptureOrderCaptureOrder(BaseModel):
    id: str
    payment_status: Optional[PaymentChargeStatusEnum] = Field(alias="paymentStatus")


class OrderCaptureOrderCaptureOrderErrors(BaseModel):
    field: Optional[str]
    code: OrderErrorCode
    message: Optional[str]


OrderCapture.model_rebuild()
OrderCaptureOrderCapture.model_rebuild()
