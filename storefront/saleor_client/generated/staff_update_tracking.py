from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderErrorFields


class StaffUpdateTracking(BaseModel):
    order_fulfillment_update_tracking: Optional[
        "StaffUpdateTrackingOrderFulfillmentUpdateTracking"
    ] = Field(alias="orderFulfillmentUpdateTracking")


class StaffUpdateTrackingOrderFulfillmentUpdateTracking(BaseModel):
    fulfillment: Optional[
        "StaffUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment"
    ]
    order_errors: list[
        "StaffUpdateTrackingOrderFulfillmentUpdateTrackingOrderErrors"
    ] = Field(alias="orderErrors")


class StaffUpdateTrackingOrderFulfillmentUpdateTrackingFulfillment(BaseModel):
    id: str
    tracking_number: str = Field(alias="trackingNumber")


StaffUpdateTrackingOrderFulfillmentUpdateTrackingOrderErrors = OrderErrorFields
StaffUpdateTracking.model_rebuild()
StaffUpdateTrackingOrderFulfillmentUpdateTracking.model_rebuild()
