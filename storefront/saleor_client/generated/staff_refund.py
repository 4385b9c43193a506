from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderErrorFields


class StaffRefund(BaseModel):
    order_refund: Optional["StaffRefundOrderRefund"] = Field(alias="orderRefund")


class StaffRefundOrderRefund(BaseModel):
    order: Optional["StaffRefundOrderRefundOrder"]
    order_errors: list["StaffRefundOrderRefundOrderErrors"] = Field(alias="orderErrors")


class StaffRefundOrderRefundOrder(BaseModel):
    id: str


StaffRefundOrderRefundOrderErrors = OrderErrorFields
StaffRefund.model_rebuild()
StaffRefundOrderRefund.model_rebuild()
