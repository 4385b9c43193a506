from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    FulfillmentStatus,
    OrderEventsEnum,
    PaymentChargeStatusEnum,
    TransactionKind,
)
from .fragments import (  # noqa: F401
    AddressFields,
    MoneyFields,
    StaffOrderRow,
    StaffOrderRowShippingAddress,
    StaffOrderRowTotal,
)


class StaffOrder(BaseModel):
    order: Optional["StaffOrderOrder"]


class StaffOrderOrder(StaffOrderRow):
    token: str
    customer_note: str = Field(alias="customerNote")
    shipping_method_name: Optional[str] = Field(alias="shippingMethodName")
    shipping_address: Optional["StaffOrderOrderShippingAddress"] = Field(
        alias="shippingAddress"
    )
    billing_address: Optional["StaffOrderOrderBillingAddress"] = Field(
        alias="billingAddress"
    )
    subtotal: Optional["StaffOrderOrderSubtotal"]
    shipping_price: Optional["StaffOrderOrderShippingPrice"] = Field(
        alias="shippingPrice"
    )
    discount: Optional["StaffOrderOrderDiscount"]
    total_captured: Optional["StaffOrderOrderTotalCaptured"] = Field(
        alias="totalCaptured"
    )
    lines: list[Optional["StaffOrderOrderLines"]]
    payments: Optional[list[Optional["StaffOrderOrderPayments"]]]
    fulfillments: list[Optional["StaffOrderOrderFulfillments"]]
    events: Optional[list[Optional["StaffOrderOrderEvents"]]]


StaffOrderOrderShippingAddress = AddressFields
StaffOrderOrderBillingAddress = AddressFields


class StaffOrderOrderSubtotal(BaseModel):
    gross: "StaffOrderOrderSubtotalGross"


StaffOrderOrderSubtotalGross = MoneyFields


class StaffOrderOrderShippingPrice(BaseModel):
    gross: "StaffOrderOrderShippingPriceGross"


StaffOrderOrderShippingPriceGross = MoneyFields
StaffOrderOrderDiscount = MoneyFields
StaffOrderOrderTotalCaptured = MoneyFields


class StaffOrderOrderLines(BaseModel):
    id: str
    product_name: str = Field(alias="productName")
    product_sku: str = Field(alias="productSku")
    quantity: int
    quantity_fulfilled: int = Field(alias="quantityFulfilled")
    unit_price: Optional["StaffOrderOrderLinesUnitPrice"] = Field(alias="unitPrice")
    variant: Optional["StaffOrderOrderLinesVariant"]


class StaffOrderOrderLinesUnitPrice(BaseModel):
    gross: "StaffOrderOrderLinesUnitPriceGross"


StaffOrderOrderLinesUnitPriceGross = MoneyFields


class StaffOrderOrderLinesVariant(BaseModel):
    id: str
    stocks: Optional[list[Optional["StaffOrderOrderLinesVariantStocks"]]] = None


class StaffOrderOrderLinesVariantStocks(BaseModel):
    warehouse: "StaffOrderOrderLinesVariantStocksWarehouse"
    quantity: int


class StaffOrderOrderLinesVariantStocksWarehouse(BaseModel):
    id: str


class StaffOrderOrderPayments(BaseModel):
    id: str
    gateway: str
    is_active: bool = Field(alias="isActive")
    charge_status: PaymentChargeStatusEnum = Field(alias="chargeStatus")
    captured_amount: Optional["StaffOrderOrderPaymentsCapturedAmount"] = Field(
        alias="capturedAmount"
    )
    total: Optional["StaffOrderOrderPaymentsTotal"]
    transactions: Optional[list[Optional["StaffOrderOrderPaymentsTransactions"]]]


StaffOrderOrderPaymentsCapturedAmount = MoneyFields
StaffOrderOrderPaymentsTotal = MoneyFields


class StaffOrderOrderPaymentsTransactions(BaseModel):
    kind: TransactionKind
    is_success: bool = Field(alias="isSuccess")
    token: str


class StaffOrderOrderFulfillments(BaseModel):
    id: str
    status: FulfillmentStatus
    tracking_number: str = Field(alias="trackingNumber")
    created: Any


class StaffOrderOrderEvents(BaseModel):
    id: str
    date: Optional[Any]
    type_: Optional[OrderEventsEnum] = Field(alias="type")
    message: Optional[str]
    amount: Optional[float]
    email: Optional[str]
    quantity: Optional[int]
    user: Optional["StaffOrderOrderEventsUser"] = None


class StaffOrderOrderEventsUser(BaseModel):
    email: str
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


StaffOrder.model_rebuild()
StaffOrderOrder.model_rebuild()
StaffOrderOrderSubtotal.model_rebuild()
StaffOrderOrderShippingPrice.model_rebuild()
StaffOrderOrderLines.model_rebuild()
StaffOrderOrderLinesUnitPrice.model_rebuild()
StaffOrderOrderLinesVariant.model_rebuild()
StaffOrderOrderLinesVariantStocks.model_rebuild()
StaffOrderOrderPayments.model_rebuild()
StaffOrderOrderEvents.model_rebuild()
