from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import StaffOrderRow


class StaffOrders(BaseModel):
    orders: Optional["StaffOrdersOrders"]


class StaffOrdersOrders(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    page_info: "StaffOrdersOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["StaffOrdersOrdersEdges"]


class StaffOrdersOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    has_previous_page: bool = Field(alias="hasPreviousPage")
    start_cursor: Optional[str] = Field(alias="startCursor")
    end_cursor: Optional[str] = Field(alias="endCursor")


class StaffOrdersOrdersEdges(BaseModel):
    node: "StaffOrdersOrdersEdgesNode"


StaffOrdersOrdersEdgesNode = StaffOrderRow
StaffOrders.model_rebuild()
StaffOrdersOrders.model_rebuild()
StaffOrdersOrdersEdges.model_rebuild()
