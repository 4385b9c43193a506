from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import AddressFields, MoneyFields


class CartForCompletion(BaseModel):
    checkout: Optional["CartForCompletionCheckout"]


class CartForCompletionCheckout(BaseModel):
    id: str
    token: Any
    email: str
    quantity: int
    voucher_code: Optional[str] = Field(alias="voucherCode")
    discount_name: Optional[str] = Field(alias="discountName")
    discount: Optional["CartForCompletionCheckoutDiscount"]
    lines: Optional[list[Optional["CartForCompletionCheckoutLines"]]]
    shipping_address: Optional["CartForCompletionCheckoutShippingAddress"] = Field(
        alias="shippingAddress"
    )
    shipping_method: Optional["CartForCompletionCheckoutShippingMethod"] = Field(
        alias="shippingMethod"
    )


CartForCompletionCheckoutDiscount = MoneyFields


class CartForCompletionCheckoutLines(BaseModel):
    id: str
    quantity: int
    variant: "CartForCompletionCheckoutLinesVariant"


class CartForCompletionCheckoutLinesVariant(BaseModel):
    id: str
    sku: str
    quantity_available: int = Field(alias="quantityAvailable")
    product: "CartForCompletionCheckoutLinesVariantProduct"


class CartForCompletionCheckoutLinesVariantProduct(BaseModel):
    name: str
    slug: str


CartForCompletionCheckoutShippingAddress = AddressFields


class CartForCompletionCheckoutShippingMethod(BaseModel):
    id: str
    name: str


CartForCompletion.model_rebuild()
CartForCompletionCheckout.model_rebuild()
CartForCompletionCheckoutLines.model_rebuild()
CartForCompletionCheckoutLinesVariant.model_rebuild()
