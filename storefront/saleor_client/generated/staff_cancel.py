from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderStatus
from .fragments import OrderErrorFields


class StaffCancel(BaseModel):
    order_cancel: Optional["StaffCancelOrderCancel"] = Field(alias="orderCancel")


class StaffCancelOrderCancel(BaseModel):
    order: Optional["StaffCancelOrderCancelOrder"]
    order_errors: list["StaffCancelOrderCancelOrderErrors"] = Field(alias="orderErrors")


class StaffCancelOrderCancelOrder(BaseModel):
    id: str
    status: OrderStatus


StaffCancelOrderCancelOrderErrors = OrderErrorFields
StaffCancel.model_rebuild()
StaffCancelOrderCancel.model_rebuild()
