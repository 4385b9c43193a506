from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import StaffOrderDetail


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


StaffOrdersExportOrdersEdgesNode = StaffOrderDetail
StaffOrdersExport.model_rebuild()
StaffOrdersExportOrders.model_rebuild()
StaffOrdersExportOrdersEdges.model_rebuild()
