from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderErrorFields


class StaffFulfil(BaseModel):
    order_fulfill: Optional["StaffFulfilOrderFulfill"] = Field(alias="orderFulfill")


class StaffFulfilOrderFulfill(BaseModel):
    fulfillments: Optional[list[Optional["StaffFulfilOrderFulfillFulfillments"]]]
    order_errors: list["StaffFulfilOrderFulfillOrderErrors"] = Field(
        alias="orderErrors"
    )


class StaffFulfilOrderFulfillFulfillments(BaseModel):
    id: str


StaffFulfilOrderFulfillOrderErrors = OrderErrorFields
StaffFulfil.model_rebuild()
StaffFulfilOrderFulfill.model_rebuild()
