from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field

from saleor_client.scalars import parse_json_string

from .base_model import BaseModel


class ProductDetails(BaseModel):
    product: Optional["ProductDetailsProduct"]


class ProductDetailsProduct(BaseModel):
    id: str
    name: str
    slug: str
    description_json: Annotated[Any, BeforeValidator(parse_json_string)] = Field(
        alias="descriptionJson"
    )
    seo_title: Optional[str] = Field(alias="seoTitle")
    seo_description: Optional[str] = Field(alias="seoDescription")
    is_available: Optional[bool] = Field(alias="isAvailable")
    updated_at: Optional[Any] = Field(alias="updatedAt")
    metadata: list[Optional["ProductDetailsProductMetadata"]]
    images: Optional[list[Optional["ProductDetailsProductImages"]]]
    pricing: Optional["ProductDetailsProductPricing"]
    variants: Optional[list[Optional["ProductDetailsProductVariants"]]]


class ProductDetailsProductMetadata(BaseModel):
    key: str
    value: str


class ProductDetailsProductImages(BaseModel):
    url: str
    alt: str


class ProductDetailsProductPricing(BaseModel):
    price_range: Optional["ProductDetailsProductPricingPriceRange"] = Field(
        alias="priceRange"
    )


class ProductDetailsProductPricingPriceRange(BaseModel):
    start: Optional["ProductDetailsProductPricingPriceRangeStart"]


class ProductDetailsProductPricingPriceRangeStart(BaseModel):
    gross: "ProductDetailsProductPricingPriceRangeStartGross"


class ProductDetailsProductPricingPriceRangeStartGross(BaseModel):
    amount: float
    currency: str


class ProductDetailsProductVariants(BaseModel):
    id: str
    sku: str
    quantity_available: int = Field(alias="quantityAvailable")


ProductDetails.model_rebuild()
ProductDetailsProduct.model_rebuild()
ProductDetailsProductPricing.model_rebuild()
ProductDetailsProductPricingPriceRange.model_rebuild()
ProductDetailsProductPricingPriceRangeStart.model_rebuild()
