from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    CheckoutErrorCode,
    FulfillmentStatus,
    OrderErrorCode,
    OrderEventsEnum,
    OrderStatus,
    PaymentChargeStatusEnum,
    PaymentErrorCode,
    TransactionKind,
)


class AddressFields(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")
    company_name: str = Field(alias="companyName")
    street_address_1: str = Field(alias="streetAddress1")
    street_address_2: str = Field(alias="streetAddress2")
    city: str
    city_area: str = Field(alias="cityArea")
    postal_code: str = Field(alias="postalCode")
    country: "AddressFieldsCountry"
    country_area: str = Field(alias="countryArea")
    phone: Optional[str]


class AddressFieldsCountry(BaseModel):
    code: str
    country: str


class MoneyFields(BaseModel):
    amount: float
    currency: str


class BuyerOrder(BaseModel):
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
    discount: Optional["BuyerOrderDiscount"]
    shipping_address: Optional["BuyerOrderShippingAddress"] = Field(
        alias="shippingAddress"
    )
    lines: list[Optional["BuyerOrderLines"]]
    subtotal: Optional["BuyerOrderSubtotal"]
    shipping_price: Optional["BuyerOrderShippingPrice"] = Field(alias="shippingPrice")
    total: Optional["BuyerOrderTotal"]
    metadata: list[Optional["BuyerOrderMetadata"]]
    fulfillments: list[Optional["BuyerOrderFulfillments"]]


class BuyerOrderDiscount(MoneyFields):
    pass


class BuyerOrderShippingAddress(AddressFields):
    pass


class BuyerOrderLines(BaseModel):
    product_name: str = Field(alias="productName")
    product_sku: str = Field(alias="productSku")
    quantity: int
    quantity_fulfilled: int = Field(alias="quantityFulfilled")
    unit_price: Optional["BuyerOrderLinesUnitPrice"] = Field(alias="unitPrice")


class BuyerOrderLinesUnitPrice(BaseModel):
    gross: "BuyerOrderLinesUnitPriceGross"
    net: "BuyerOrderLinesUnitPriceNet"


class BuyerOrderLinesUnitPriceGross(MoneyFields):
    pass


class BuyerOrderLinesUnitPriceNet(MoneyFields):
    pass


class BuyerOrderSubtotal(BaseModel):
    gross: "BuyerOrderSubtotalGross"
    net: "BuyerOrderSubtotalNet"


class BuyerOrderSubtotalGross(MoneyFields):
    pass


class BuyerOrderSubtotalNet(MoneyFields):
    pass


class BuyerOrderShippingPrice(BaseModel):
    gross: "BuyerOrderShippingPriceGross"
    net: "BuyerOrderShippingPriceNet"


class BuyerOrderShippingPriceGross(MoneyFields):
    pass


class BuyerOrderShippingPriceNet(MoneyFields):
    pass


class BuyerOrderTotal(BaseModel):
    gross: "BuyerOrderTotalGross"
    net: "BuyerOrderTotalNet"
    tax: "BuyerOrderTotalTax"


class BuyerOrderTotalGross(MoneyFields):
    pass


class BuyerOrderTotalNet(MoneyFields):
    pass


class BuyerOrderTotalTax(MoneyFields):
    pass


class BuyerOrderMetadata(BaseModel):
    key: str
    value: str


class BuyerOrderFulfillments(BaseModel):
    status: FulfillmentStatus
    tracking_number: str = Field(alias="trackingNumber")
    created: Any
    metadata: list[Optional["BuyerOrderFulfillmentsMetadata"]]


class BuyerOrderFulfillmentsMetadata(BaseModel):
    key: str
    value: str


class CartDetails(BaseModel):
    id: str
    token: Any
    email: str
    quantity: int
    voucher_code: Optional[str] = Field(alias="voucherCode")
    discount_name: Optional[str] = Field(alias="discountName")
    discount: Optional["CartDetailsDiscount"]
    lines: Optional[list[Optional["CartDetailsLines"]]]
    subtotal_price: Optional["CartDetailsSubtotalPrice"] = Field(alias="subtotalPrice")
    shipping_price: Optional["CartDetailsShippingPrice"] = Field(alias="shippingPrice")
    total_price: Optional["CartDetailsTotalPrice"] = Field(alias="totalPrice")
    is_shipping_required: bool = Field(alias="isShippingRequired")
    shipping_address: Optional["CartDetailsShippingAddress"] = Field(
        alias="shippingAddress"
    )
    shipping_method: Optional["CartDetailsShippingMethod"] = Field(
        alias="shippingMethod"
    )
    available_shipping_methods: list[
        Optional["CartDetailsAvailableShippingMethods"]
    ] = Field(alias="availableShippingMethods")


class CartDetailsDiscount(MoneyFields):
    pass


class CartDetailsLines(BaseModel):
    id: str
    quantity: int
    total_price: Optional["CartDetailsLinesTotalPrice"] = Field(alias="totalPrice")
    variant: "CartDetailsLinesVariant"


class CartDetailsLinesTotalPrice(BaseModel):
    gross: "CartDetailsLinesTotalPriceGross"
    net: "CartDetailsLinesTotalPriceNet"


class CartDetailsLinesTotalPriceGross(MoneyFields):
    pass


class CartDetailsLinesTotalPriceNet(MoneyFields):
    pass


class CartDetailsLinesVariant(BaseModel):
    id: str
    sku: str
    quantity_available: int = Field(alias="quantityAvailable")
    product: "CartDetailsLinesVariantProduct"


class CartDetailsLinesVariantProduct(BaseModel):
    name: str
    slug: str
    thumbnail: Optional["CartDetailsLinesVariantProductThumbnail"]


class CartDetailsLinesVariantProductThumbnail(BaseModel):
    url: str
    alt: Optional[str]


class CartDetailsSubtotalPrice(BaseModel):
    gross: "CartDetailsSubtotalPriceGross"
    net: "CartDetailsSubtotalPriceNet"


class CartDetailsSubtotalPriceGross(MoneyFields):
    pass


class CartDetailsSubtotalPriceNet(MoneyFields):
    pass


class CartDetailsShippingPrice(BaseModel):
    gross: "CartDetailsShippingPriceGross"
    net: "CartDetailsShippingPriceNet"


class CartDetailsShippingPriceGross(MoneyFields):
    pass


class CartDetailsShippingPriceNet(MoneyFields):
    pass


class CartDetailsTotalPrice(BaseModel):
    gross: "CartDetailsTotalPriceGross"
    net: "CartDetailsTotalPriceNet"
    tax: "CartDetailsTotalPriceTax"


class CartDetailsTotalPriceGross(MoneyFields):
    pass


class CartDetailsTotalPriceNet(MoneyFields):
    pass


class CartDetailsTotalPriceTax(MoneyFields):
    pass


class CartDetailsShippingAddress(AddressFields):
    pass


class CartDetailsShippingMethod(BaseModel):
    id: str
    name: str


class CartDetailsAvailableShippingMethods(BaseModel):
    id: str
    name: str
    price: Optional["CartDetailsAvailableShippingMethodsPrice"]


class CartDetailsAvailableShippingMethodsPrice(MoneyFields):
    pass


class CartPageDetails(BaseModel):
    id: str
    token: Any
    email: str
    quantity: int
    voucher_code: Optional[str] = Field(alias="voucherCode")
    discount_name: Optional[str] = Field(alias="discountName")
    discount: Optional["CartPageDetailsDiscount"]
    lines: Optional[list[Optional["CartPageDetailsLines"]]]
    subtotal_price: Optional["CartPageDetailsSubtotalPrice"] = Field(
        alias="subtotalPrice"
    )
    shipping_address: Optional["CartPageDetailsShippingAddress"] = Field(
        alias="shippingAddress"
    )
    total_price: Optional["CartPageDetailsTotalPrice"] = Field(
        alias="totalPrice", default=None
    )


class CartPageDetailsDiscount(MoneyFields):
    pass


class CartPageDetailsLines(BaseModel):
    id: str
    quantity: int
    total_price: Optional["CartPageDetailsLinesTotalPrice"] = Field(alias="totalPrice")
    variant: "CartPageDetailsLinesVariant"


class CartPageDetailsLinesTotalPrice(BaseModel):
    gross: "CartPageDetailsLinesTotalPriceGross"
    net: "CartPageDetailsLinesTotalPriceNet"


class CartPageDetailsLinesTotalPriceGross(MoneyFields):
    pass


class CartPageDetailsLinesTotalPriceNet(MoneyFields):
    pass


class CartPageDetailsLinesVariant(BaseModel):
    id: str
    sku: str
    quantity_available: int = Field(alias="quantityAvailable")
    product: "CartPageDetailsLinesVariantProduct"


class CartPageDetailsLinesVariantProduct(BaseModel):
    name: str
    slug: str
    thumbnail: Optional["CartPageDetailsLinesVariantProductThumbnail"]


class CartPageDetailsLinesVariantProductThumbnail(BaseModel):
    url: str
    alt: Optional[str]


class CartPageDetailsSubtotalPrice(BaseModel):
    gross: "CartPageDetailsSubtotalPriceGross"
    net: "CartPageDetailsSubtotalPriceNet"


class CartPageDetailsSubtotalPriceGross(MoneyFields):
    pass


class CartPageDetailsSubtotalPriceNet(MoneyFields):
    pass


class CartPageDetailsShippingAddress(AddressFields):
    pass


class CartPageDetailsTotalPrice(BaseModel):
    tax: "CartPageDetailsTotalPriceTax"


class CartPageDetailsTotalPriceTax(MoneyFields):
    pass


class CheckoutErrorFields(BaseModel):
    field: Optional[str]
    code: CheckoutErrorCode
    message: Optional[str]


class OrderErrorFields(BaseModel):
    field: Optional[str]
    code: OrderErrorCode
    message: Optional[str]


class PaymentErrorFields(BaseModel):
    field: Optional[str]
    code: PaymentErrorCode
    message: Optional[str]


class StaffOrderRow(BaseModel):
    id: str
    number: Optional[str]
    created: Any
    user_email: Optional[str] = Field(alias="userEmail")
    status: OrderStatus
    status_display: Optional[str] = Field(alias="statusDisplay")
    payment_status: Optional[PaymentChargeStatusEnum] = Field(alias="paymentStatus")
    total: Optional["StaffOrderRowTotal"]
    shipping_address: Optional["StaffOrderRowShippingAddress"] = Field(
        alias="shippingAddress"
    )


class StaffOrderRowTotal(BaseModel):
    gross: "StaffOrderRowTotalGross"
    tax: "StaffOrderRowTotalTax"


class StaffOrderRowTotalGross(MoneyFields):
    pass


class StaffOrderRowTotalTax(MoneyFields):
    pass


class StaffOrderRowShippingAddress(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


class StaffOrderDetail(StaffOrderRow):
    token: str
    customer_note: str = Field(alias="customerNote")
    shipping_method_name: Optional[str] = Field(alias="shippingMethodName")
    shipping_address: Optional["StaffOrderDetailShippingAddress"] = Field(
        alias="shippingAddress"
    )
    billing_address: Optional["StaffOrderDetailBillingAddress"] = Field(
        alias="billingAddress"
    )
    subtotal: Optional["StaffOrderDetailSubtotal"]
    shipping_price: Optional["StaffOrderDetailShippingPrice"] = Field(
        alias="shippingPrice"
    )
    discount: Optional["StaffOrderDetailDiscount"]
    total_captured: Optional["StaffOrderDetailTotalCaptured"] = Field(
        alias="totalCaptured"
    )
    lines: list[Optional["StaffOrderDetailLines"]]
    payments: Optional[list[Optional["StaffOrderDetailPayments"]]]
    metadata: list[Optional["StaffOrderDetailMetadata"]]
    fulfillments: list[Optional["StaffOrderDetailFulfillments"]]
    events: Optional[list[Optional["StaffOrderDetailEvents"]]] = None


class StaffOrderDetailShippingAddress(AddressFields):
    pass


class StaffOrderDetailBillingAddress(AddressFields):
    pass


class StaffOrderDetailSubtotal(BaseModel):
    gross: "StaffOrderDetailSubtotalGross"
    net: "StaffOrderDetailSubtotalNet"


class StaffOrderDetailSubtotalGross(MoneyFields):
    pass


class StaffOrderDetailSubtotalNet(MoneyFields):
    pass


class StaffOrderDetailShippingPrice(BaseModel):
    gross: "StaffOrderDetailShippingPriceGross"
    net: "StaffOrderDetailShippingPriceNet"


class StaffOrderDetailShippingPriceGross(MoneyFields):
    pass


class StaffOrderDetailShippingPriceNet(MoneyFields):
    pass


class StaffOrderDetailDiscount(MoneyFields):
    pass


class StaffOrderDetailTotalCaptured(MoneyFields):
    pass


class StaffOrderDetailLines(BaseModel):
    id: str
    product_name: str = Field(alias="productName")
    product_sku: str = Field(alias="productSku")
    quantity: int
    quantity_fulfilled: int = Field(alias="quantityFulfilled")
    unit_price: Optional["StaffOrderDetailLinesUnitPrice"] = Field(alias="unitPrice")
    variant: Optional["StaffOrderDetailLinesVariant"]


class StaffOrderDetailLinesUnitPrice(BaseModel):
    gross: "StaffOrderDetailLinesUnitPriceGross"
    net: "StaffOrderDetailLinesUnitPriceNet"


class StaffOrderDetailLinesUnitPriceGross(MoneyFields):
    pass


class StaffOrderDetailLinesUnitPriceNet(MoneyFields):
    pass


class StaffOrderDetailLinesVariant(BaseModel):
    id: str
    stocks: Optional[list[Optional["StaffOrderDetailLinesVariantStocks"]]] = None


class StaffOrderDetailLinesVariantStocks(BaseModel):
    warehouse: "StaffOrderDetailLinesVariantStocksWarehouse"
    quantity: int


class StaffOrderDetailLinesVariantStocksWarehouse(BaseModel):
    id: str


class StaffOrderDetailPayments(BaseModel):
    id: str
    gateway: str
    is_active: bool = Field(alias="isActive")
    charge_status: PaymentChargeStatusEnum = Field(alias="chargeStatus")
    captured_amount: Optional["StaffOrderDetailPaymentsCapturedAmount"] = Field(
        alias="capturedAmount"
    )
    total: Optional["StaffOrderDetailPaymentsTotal"]
    transactions: Optional[list[Optional["StaffOrderDetailPaymentsTransactions"]]]


class StaffOrderDetailPaymentsCapturedAmount(MoneyFields):
    pass


class StaffOrderDetailPaymentsTotal(MoneyFields):
    pass


class StaffOrderDetailPaymentsTransactions(BaseModel):
    kind: TransactionKind
    is_success: bool = Field(alias="isSuccess")
    token: str
    amount: Optional["StaffOrderDetailPaymentsTransactionsAmount"]


class StaffOrderDetailPaymentsTransactionsAmount(MoneyFields):
    pass


class StaffOrderDetailMetadata(BaseModel):
    key: str
    value: str


class StaffOrderDetailFulfillments(BaseModel):
    id: str
    status: FulfillmentStatus
    tracking_number: str = Field(alias="trackingNumber")
    created: Any
    metadata: list[Optional["StaffOrderDetailFulfillmentsMetadata"]]


class StaffOrderDetailFulfillmentsMetadata(BaseModel):
    key: str
    value: str


class StaffOrderDetailEvents(BaseModel):
    id: str
    date: Optional[Any]
    type_: Optional[OrderEventsEnum] = Field(alias="type")
    message: Optional[str]
    amount: Optional[float]
    email: Optional[str]
    quantity: Optional[int]
    user: Optional["StaffOrderDetailEventsUser"] = None


class StaffOrderDetailEventsUser(BaseModel):
    email: str
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


AddressFields.model_rebuild()
MoneyFields.model_rebuild()
BuyerOrder.model_rebuild()
CartDetails.model_rebuild()
CartPageDetails.model_rebuild()
CheckoutErrorFields.model_rebuild()
OrderErrorFields.model_rebuild()
PaymentErrorFields.model_rebuild()
StaffOrderRow.model_rebuild()
StaffOrderDetail.model_rebuild()
