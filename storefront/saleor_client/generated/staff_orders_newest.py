from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import StaffOrderDetail


class StaffOrdersNewest(BaseModel):
    orders: Optional["StaffOrdersNewestOrders"]


class StaffOrdersNewestOrders(BaseModel):
    page_info: "StaffOrdersNewestOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["StaffOrdersNewestOrdersEdges"]


class StaffOrdersNewestOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class StaffOrdersNewestOrdersEdges(BaseModel):
    node: "StaffOrdersNewestOrdersEdgesNode"


StaffOrdersNewestOrdersEdgesNode = StaffOrderDetail
StaffOrdersNewest.model_rebuild()
StaffOrdersNewestOrders.model_rebuild()
StaffOrdersNewestOrdersEdges.model_rebuild()
