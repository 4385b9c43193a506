from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PaymentChargeStatusEnum
from .fragments import OrderErrorFields


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


OrderCaptureOrderCaptureOrderErrors = OrderErrorFields
OrderCapture.model_rebuild()
OrderCaptureOrderCapture.model_rebuild()
