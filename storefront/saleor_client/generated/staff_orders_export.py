from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    StaffOrderRow,
    StaffOrderRowShippingAddress,
    StaffOrderRowTotal,
)


class StaffOrdersExport(BaseModel):
    orders: Optional["StaffOrdersExportOrders"]


class StaffOrdersExportOrders(BaseModel):
    page_info: "StaffOrdersExportOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["StaffOrdersExportOrdersEdges"]


class StaffOrdersExportOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class StaffOrdersExportOrdersEdges(BaseModel):
    node: "StaffOrdersExportOrdersEdgesNode"


class StaffOrdersExportOrdersEdgesNode(StaffOrderRow):
    shipping_address: Optional["StaffOrdersExportOrdersEdgesNodeShippingAddress"] = (
        Field(alias="shippingAddress")
    )


class StaffOrdersExportOrdersEdgesNodeShippingAddress(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")
    country: "StaffOrdersExportOrdersEdgesNodeShippingAddressCountry"


class StaffOrdersExportOrdersEdgesNodeShippingAddressCountry(BaseModel):
    code: str


StaffOrdersExport.model_rebuild()
StaffOrdersExportOrders.model_rebuild()
StaffOrdersExportOrdersEdges.model_rebuild()
StaffOrdersExportOrdersEdgesNode.model_rebuild()
StaffOrdersExportOrdersEdgesNodeShippingAddress.model_rebuild()
