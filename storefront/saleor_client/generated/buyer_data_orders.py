from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderStatus, PaymentChargeStatusEnum
from .fragments import AddressFields, MoneyFields


class BuyerDataOrders(BaseModel):
    orders: Optional["BuyerDataOrdersOrders"]


class BuyerDataOrdersOrders(BaseModel):
    page_info: "BuyerDataOrdersOrdersPageInfo" = Field(alias="pageInfo")
    edges: list["BuyerDataOrdersOrdersEdges"]


class BuyerDataOrdersOrdersPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class BuyerDataOrdersOrdersEdges(BaseModel):
    node: "BuyerDataOrdersOrdersEdgesNode"


class BuyerDataOrdersOrdersEdgesNode(BaseModel):
    token: str
    number: Optional[str]
    created: Any
    status: OrderStatus
    payment_status: Optional[PaymentChargeStatusEnum] = Field(alias="paymentStatus")
    user_email: Optional[str] = Field(alias="userEmail")
    customer_note: str = Field(alias="customerNote")
    shipping_method_name: Optional[str] = Field(alias="shippingMethodName")
    shipping_address: Optional["BuyerDataOrdersOrdersEdgesNodeShippingAddress"] = Field(
        alias="shippingAddress"
    )
    billing_address: Optional["BuyerDataOrdersOrdersEdgesNodeBillingAddress"] = Field(
        alias="billingAddress"
    )
    lines: list[Optional["BuyerDataOrdersOrdersEdgesNodeLines"]]
    total: Optional["BuyerDataOrdersOrdersEdgesNodeTotal"]


BuyerDataOrdersOrdersEdgesNodeShippingAddress = AddressFields
BuyerDataOrdersOrdersEdgesNodeBillingAddress = AddressFields


class BuyerDataOrdersOrdersEdgesNodeLines(BaseModel):
    product_name: str = Field(alias="productName")
    product_sku: str = Field(alias="productSku")
    quantity: int
    unit_price: Optional["BuyerDataOrdersOrdersEdgesNodeLinesUnitPrice"] = Field(
        alias="unitPrice"
    )


class BuyerDataOrdersOrdersEdgesNodeLinesUnitPrice(BaseModel):
    gross: "BuyerDataOrdersOrdersEdgesNodeLinesUnitPriceGross"


BuyerDataOrdersOrdersEdgesNodeLinesUnitPriceGross = MoneyFields


class BuyerDataOrdersOrdersEdgesNodeTotal(BaseModel):
    gross: "BuyerDataOrdersOrdersEdgesNodeTotalGross"


BuyerDataOrdersOrdersEdgesNodeTotalGross = MoneyFields
BuyerDataOrders.model_rebuild()
BuyerDataOrdersOrders.model_rebuild()
BuyerDataOrdersOrdersEdges.model_rebuild()
BuyerDataOrdersOrdersEdgesNode.model_rebuild()
BuyerDataOrdersOrdersEdgesNodeLines.model_rebuild()
BuyerDataOrdersOrdersEdgesNodeLinesUnitPrice.model_rebuild()
BuyerDataOrdersOrdersEdgesNodeTotal.model_rebuild()
