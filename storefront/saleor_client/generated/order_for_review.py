from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import OrderStatus


class OrderForReview(BaseModel):
    order_by_token: Optional["OrderForReviewOrderByToken"] = Field(alias="orderByToken")


class OrderForReviewOrderByToken(BaseModel):
    token: str
    number: Optional[str]
    status: OrderStatus
    user_email: Optional[str] = Field(alias="userEmail")
    shipping_address: Optional["OrderForReviewOrderByTokenShippingAddress"] = Field(
        alias="shippingAddress"
    )
    billing_address: Optional["OrderForReviewOrderByTokenBillingAddress"] = Field(
        alias="billingAddress"
    )
    lines: list[Optional["OrderForReviewOrderByTokenLines"]]


class OrderForReviewOrderByTokenShippingAddress(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


class OrderForReviewOrderByTokenBillingAddress(BaseModel):
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")


class OrderForReviewOrderByTokenLines(BaseModel):
    product_name: str = Field(alias="productName")
    variant: Optional["OrderForReviewOrderByTokenLinesVariant"]


class OrderForReviewOrderByTokenLinesVariant(BaseModel):
    product: "OrderForReviewOrderByTokenLinesVariantProduct"


class OrderForReviewOrderByTokenLinesVariantProduct(BaseModel):
    slug: str
    name: str


OrderForReview.model_rebuild()
OrderForReviewOrderByToken.model_rebuild()
OrderForReviewOrderByTokenLines.model_rebuild()
OrderForReviewOrderByTokenLinesVariant.model_rebuild()
