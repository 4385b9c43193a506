from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class StaffSales(BaseModel):
    orders: Optional["StaffSalesOrders"]


class StaffSalesOrders(BaseModel):
    page_info: "StaffSalesOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["StaffSalesOrdersEdges"]


class StaffSalesOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class StaffSalesOrdersEdges(BaseModel):
    node: "StaffSalesOrdersEdgesNode"


class StaffSalesOrdersEdgesNode(BaseModel):
    created: Any
    total_captured: Optional["StaffSalesOrdersEdgesNodeTotalCaptured"] = Field(
        alias="totalCaptured"
    )


StaffSalesOrdersEdgesNodeTotalCaptured = MoneyFields
StaffSales.model_rebuild()
StaffSalesOrders.model_rebuild()
StaffSalesOrdersEdges.model_rebuild()
StaffSalesOrdersEdgesNode.model_rebuild()
