from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class OrdersPlaced(BaseModel):
    orders: Optional["OrdersPlacedOrders"]


class OrdersPlacedOrders(BaseModel):
    page_info: "OrdersPlacedOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["OrdersPlacedOrdersEdges"]


class OrdersPlacedOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class OrdersPlacedOrdersEdges(BaseModel):
    node: "OrdersPlacedOrdersEdgesNode"


class OrdersPlacedOrdersEdgesNode(BaseModel):
    id: str
    number: Optional[str]
    created: Any
    user_email: Optional[str] = Field(alias="userEmail")
    payment_status_display: Optional[str] = Field(alias="paymentStatusDisplay")
    total: Optional["OrdersPlacedOrdersEdgesNodeTotal"]


class OrdersPlacedOrdersEdgesNodeTotal(BaseModel):
    gross: "OrdersPlacedOrdersEdgesNodeTotalGross"


OrdersPlacedOrdersEdgesNodeTotalGross = MoneyFields
OrdersPlaced.model_rebuild()
OrdersPlacedOrders.model_rebuild()
OrdersPlacedOrdersEdges.model_rebuild()
OrdersPlacedOrdersEdgesNode.model_rebuild()
OrdersPlacedOrdersEdgesNodeTotal.model_rebuild()
