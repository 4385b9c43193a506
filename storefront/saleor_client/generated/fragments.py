from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    CheckoutErrorCode,
    OrderErrorCode,
    OrderStatus,
    PaymentChargeStatusEnum,
    PaymentErrorCode,
)


class AddressFields(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")
    company_name: str = Field(alias="companyName")
    street_address_1: str = Field(alias="streetAddress1")
    street_address_2: str = Field(alias="streetAddress2")
    city: str
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


class CartDetailsLinesTotalPriceGross(MoneyFields):
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


class CartDetailsSubtotalPriceGross(MoneyFields):
    pass


class CartDetailsShippingPrice(BaseModel):
    gross: "CartDetailsShippingPriceGross"


class CartDetailsShippingPriceGross(MoneyFields):
    pass


class CartDetailsTotalPrice(BaseModel):
    gross: "CartDetailsTotalPriceGross"
    tax: "CartDetailsTotalPriceTax"


class CartDetailsTotalPriceGross(MoneyFields):
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


class StaffOrderRowTotalGross(MoneyFields):
    pass


class StaffOrderRowShippingAddress(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


AddressFields.model_rebuild()
MoneyFields.model_rebuild()
CartDetails.model_rebuild()
CheckoutErrorFields.model_rebuild()
OrderErrorFields.model_rebuild()
PaymentErrorFields.model_rebuild()
StaffOrderRow.model_rebuild()
