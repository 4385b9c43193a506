from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FulfillmentStatus, OrderStatus, PaymentChargeStatusEnum
from .fragments import AddressFields, MoneyFields


class OrderForBuyer(BaseModel):
    order_by_token: Optional["OrderForBuyerOrderByToken"] = Field(alias="orderByToken")


class OrderForBuyerOrderByToken(BaseModel):
    id: str
    token: str
    number: Optional[str]
    created: Any
    status: OrderStatus
    status_display: Optional[str] = Field(alias="statusDisplay")
    payment_status: Optional[PaymentChargeStatusEnum] = Field(alias="paymentStatus")
    payment_status_display: Optional[str] = Field(alias="paymentStatusDisplay")
    is_paid: Optional[bool] = Field(alias="isPaid")
    user_email: Optional[str] = Field(alias="userEmail")
    shipping_method_name: Optional[str] = Field(alias="shippingMethodName")
    discount_name: Optional[str] = Field(alias="discountName")
    discount: Optional["OrderForBuyerOrderByTokenDiscount"]
    shipping_address: Optional["OrderForBuyerOrderByTokenShippingAddress"] = Field(
        alias="shippingAddress"
    )
    lines: list[Optional["OrderForBuyerOrderByTokenLines"]]
    subtotal: Optional["OrderForBuyerOrderByTokenSubtotal"]
    shipping_price: Optional["OrderForBuyerOrderByTokenShippingPrice"] = Field(
        alias="shippingPrice"
    )
    total: Optional["OrderForBuyerOrderByTokenTotal"]
    metadata: list[Optional["OrderForBuyerOrderByTokenMetadata"]]
    fulfillments: list[Optional["OrderForBuyerOrderByTokenFulfillments"]]


OrderForBuyerOrderByTokenDiscount = MoneyFields
OrderForBuyerOrderByTokenShippingAddress = AddressFields


class OrderForBuyerOrderByTokenLines(BaseModel):
    product_name: str = Field(alias="productName")
    product_sku: str = Field(alias="productSku")
    quantity: int
    quantity_fulfilled: int = Field(alias="quantityFulfilled")
    unit_price: Optional["OrderForBuyerOrderByTokenLinesUnitPrice"] = Field(
        alias="unitPrice"
    )


class OrderForBuyerOrderByTokenLinesUnitPrice(BaseModel):
    gross: "OrderForBuyerOrderByTokenLinesUnitPriceGross"
    net: "OrderForBuyerOrderByTokenLinesUnitPriceNet"


OrderForBuyerOrderByTokenLinesUnitPriceGross = MoneyFields
OrderForBuyerOrderByTokenLinesUnitPriceNet = MoneyFields


class OrderForBuyerOrderByTokenSubtotal(BaseModel):
    gross: "OrderForBuyerOrderByTokenSubtotalGross"
    net: "OrderForBuyerOrderByTokenSubtotalNet"


OrderForBuyerOrderByTokenSubtotalGross = MoneyFields
OrderForBuyerOrderByTokenSubtotalNet = MoneyFields


class OrderForBuyerOrderByTokenShippingPrice(BaseModel):
    gross: "OrderForBuyerOrderByTokenShippingPriceGross"
    net: "OrderForBuyerOrderByTokenShippingPriceNet"


OrderForBuyerOrderByTokenShippingPriceGross = MoneyFields
OrderForBuyerOrderByTokenShippingPriceNet = MoneyFields


class OrderForBuyerOrderByTokenTotal(BaseModel):
    gross: "OrderForBuyerOrderByTokenTotalGross"
    net: "OrderForBuyerOrderByTokenTotalNet"
    tax: "OrderForBuyerOrderByTokenTotalTax"


OrderForBuyerOrderByTokenTotalGross = MoneyFields
OrderForBuyerOrderByTokenTotalNet = MoneyFields
OrderForBuyerOrderByTokenTotalTax = MoneyFields


class OrderForBuyerOrderByTokenMetadata(BaseModel):
    key: str
    value: str


class OrderForBuyerOrderByTokenFulfillments(BaseModel):
    status: FulfillmentStatus
    tracking_number: str = Field(alias="trackingNumber")
    created: Any
    metadata: list[Optional["OrderForBuyerOrderByTokenFulfillmentsMetadata"]]


class OrderForBuyerOrderByTokenFulfillmentsMetadata(BaseModel):
    key: str
    value: str


OrderForBuyer.model_rebuild()
OrderForBuyerOrderByToken.model_rebuild()
OrderForBuyerOrderByTokenLines.model_rebuild()
OrderForBuyerOrderByTokenLinesUnitPrice.model_rebuild()
OrderForBuyerOrderByTokenSubtotal.model_rebuild()
OrderForBuyerOrderByTokenShippingPrice.model_rebuild()
OrderForBuyerOrderByTokenTotal.model_rebuild()
OrderForBuyerOrderByTokenFulfillments.model_rebuild()
