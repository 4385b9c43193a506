from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CountryCode, OrderStatusFilter, PaymentChargeStatusEnum


class AddressInput(BaseModel):
    first_name: Optional[str] = Field(alias="firstName", default=None)
    last_name: Optional[str] = Field(alias="lastName", default=None)
    company_name: Optional[str] = Field(alias="companyName", default=None)
    street_address_1: Optional[str] = Field(alias="streetAddress1", default=None)
    street_address_2: Optional[str] = Field(alias="streetAddress2", default=None)
    city: Optional[str] = None
    city_area: Optional[str] = Field(alias="cityArea", default=None)
    postal_code: Optional[str] = Field(alias="postalCode", default=None)
    country: Optional[CountryCode] = None
    country_area: Optional[str] = Field(alias="countryArea", default=None)
    phone: Optional[str] = None


class CheckoutLineInput(BaseModel):
    quantity: int
    variant_id: str = Field(alias="variantId")


class DateRangeInput(BaseModel):
    gte: Optional[Any] = None
    lte: Optional[Any] = None


class MetadataInput(BaseModel):
    key: str
    value: str


class OrderFilterInput(BaseModel):
    payment_status: Optional[list[Optional[PaymentChargeStatusEnum]]] = Field(
        alias="paymentStatus", default=None
    )
    status: Optional[list[Optional[OrderStatusFilter]]] = None
    customer: Optional[str] = None
    created: Optional["DateRangeInput"] = None
    search: Optional[str] = None


class OrderFulfillLineInput(BaseModel):
    order_line_id: Optional[str] = Field(alias="orderLineId", default=None)
    stocks: list["OrderFulfillStockInput"]


class OrderFulfillStockInput(BaseModel):
    quantity: Optional[int] = None
    warehouse: Optional[str] = None


class StaffCreateInput(BaseModel):
    first_name: Optional[str] = Field(alias="firstName", default=None)
    last_name: Optional[str] = Field(alias="lastName", default=None)
    email: Optional[str] = None
    is_active: Optional[bool] = Field(alias="isActive", default=None)
    note: Optional[str] = None
    add_groups: Optional[list[str]] = Field(alias="addGroups", default=None)
    redirect_url: Optional[str] = Field(alias="redirectUrl", default=None)


OrderFilterInput.model_rebuild()
OrderFulfillLineInput.model_rebuild()
