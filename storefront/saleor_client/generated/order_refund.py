from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PaymentChargeStatusEnum
from .fragments import OrderErrorFields


class OrderRefund(BaseModel):
    order_refund: Optional["OrderRefundOrderRefund"] = Field(alias="orderRefund")


class OrderRefundOrderRefund(BaseModel):
    order: Optional["OrderRefundOrderRefundOrder"]
    order_errors: list["OrderRefundOrderRefundOrderErrors"] = Field(alias="orderErrors")


class OrderRefundOrderRefundOrder(BaseModel):
    id: str
    payment_status: Optional[PaymentChargeStatusEnum] = Field(alias="paymentStatus")


OrderRefundOrderRefundOrderErrors = OrderErrorFields
OrderRefund.model_rebuild()
OrderRefundOrderRefund.model_rebuild()
