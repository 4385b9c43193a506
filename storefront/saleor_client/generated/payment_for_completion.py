from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field

from saleor_client.scalars import parse_json_string

from .base_model import BaseModel
from .enums import PaymentChargeStatusEnum, TransactionKind
from .fragments import MoneyFields


class PaymentForCompletion(BaseModel):
    payment: Optional["PaymentForCompletionPayment"]


class PaymentForCompletionPayment(BaseModel):
    id: str
    is_active: bool = Field(alias="isActive")
    charge_status: PaymentChargeStatusEnum = Field(alias="chargeStatus")
    total: Optional["PaymentForCompletionPaymentTotal"]
    order: Optional["PaymentForCompletionPaymentOrder"]
    transactions: Optional[list[Optional["PaymentForCompletionPaymentTransactions"]]]


PaymentForCompletionPaymentTotal = MoneyFields


class PaymentForCompletionPaymentOrder(BaseModel):
    id: str
    token: str
    total: Optional["PaymentForCompletionPaymentOrderTotal"]
    metadata: list[Optional["PaymentForCompletionPaymentOrderMetadata"]]
    shipping_address: Optional["PaymentForCompletionPaymentOrderShippingAddress"] = (
        Field(alias="shippingAddress")
    )


class PaymentForCompletionPaymentOrderTotal(BaseModel):
    gross: "PaymentForCompletionPaymentOrderTotalGross"
    tax: "PaymentForCompletionPaymentOrderTotalTax"


PaymentForCompletionPaymentOrderTotalGross = MoneyFields
PaymentForCompletionPaymentOrderTotalTax = MoneyFields


class PaymentForCompletionPaymentOrderMetadata(BaseModel):
    key: str
    value: str


class PaymentForCompletionPaymentOrderShippingAddress(BaseModel):
    country: "PaymentForCompletionPaymentOrderShippingAddressCountry"


class PaymentForCompletionPaymentOrderShippingAddressCountry(BaseModel):
    code: str


class PaymentForCompletionPaymentTransactions(BaseModel):
    kind: TransactionKind
    is_success: bool = Field(alias="isSuccess")
    token: str
    gateway_response: Annotated[Any, BeforeValidator(parse_json_string)] = Field(
        alias="gatewayResponse"
    )


PaymentForCompletion.model_rebuild()
PaymentForCompletionPayment.model_rebuild()
PaymentForCompletionPaymentOrder.model_rebuild()
PaymentForCompletionPaymentOrderTotal.model_rebuild()
PaymentForCompletionPaymentOrderShippingAddress.model_rebuild()
