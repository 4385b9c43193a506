from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderErrorFields


class StaffCapture(BaseModel):
    order_capture: Optional["StaffCaptureOrderCapture"] = Field(alias="orderCapture")


class StaffCaptureOrderCapture(BaseModel):
    order: Optional["StaffCaptureOrderCaptureOrder"]
    order_errors: list["StaffCaptureOrderCaptureOrderErrors"] = Field(
        alias="orderErrors"
    )


class StaffCaptureOrderCaptureOrder(BaseModel):
    id: str


StaffCaptureOrderCaptureOrderErrors = OrderErrorFields
StaffCapture.model_rebuild()
StaffCaptureOrderCapture.model_rebuild()
