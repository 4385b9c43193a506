from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    AddressFields,
    MoneyFields,
    StaffOrderRow,
    StaffOrderRowShippingAddress,
    StaffOrderRowTotal,
)


class StaffCustomerOrders(BaseModel):
    orders: Optional["StaffCustomerOrdersOrders"]


class StaffCustomerOrdersOrders(BaseModel):
    page_info: "StaffCustomerOrdersOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["StaffCustomerOrdersOrdersEdges"]


class StaffCustomerOrdersOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class StaffCustomerOrdersOrdersEdges(BaseModel):
    node: "StaffCustomerOrdersOrdersEdgesNode"


class StaffCustomerOrdersOrdersEdgesNode(StaffOrderRow):
    total_captured: Optional["StaffCustomerOrdersOrdersEdgesNodeTotalCaptured"] = Field(
        alias="totalCaptured"
    )
    shipping_address: Optional["StaffCustomerOrdersOrdersEdgesNodeShippingAddress"] = (
        Field(alias="shippingAddress")
    )
    billing_address: Optional["StaffCustomerOrdersOrdersEdgesNodeBillingAddress"] = (
        Field(alias="billingAddress")
    )


StaffCustomerOrdersOrdersEdgesNodeTotalCaptured = MoneyFields
StaffCustomerOrdersOrdersEdgesNodeShippingAddress = AddressFields
StaffCustomerOrdersOrdersEdgesNodeBillingAddress = AddressFields
StaffCustomerOrders.model_rebuild()
StaffCustomerOrdersOrders.model_rebuild()
StaffCustomerOrdersOrdersEdges.model_rebuild()
StaffCustomerOrdersOrdersEdgesNode.model_rebuild()
