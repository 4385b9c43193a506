from .base_client import BaseClient
from .base_model import BaseModel, Upload
from .client import SaleorGraphQLClient
from .enums import CountryCode
from .exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)
from .product_details import (
    ProductDetails,
    ProductDetailsProduct,
    ProductDetailsProductImages,
    ProductDetailsProductPricing,
    ProductDetailsProductPricingPriceRange,
    ProductDetailsProductPricingPriceRangeStart,
    ProductDetailsProductPricingPriceRangeStartGross,
    ProductDetailsProductVariants,
)
from .shop_status import ShopStatus, ShopStatusShop

__all__ = [
    "BaseClient",
    "BaseModel",
    "CountryCode",
    "GraphQLClientError",
    "GraphQLClientGraphQLError",
    "GraphQLClientGraphQLMultiError",
    "GraphQLClientHttpError",
    "GraphQLClientInvalidResponseError",
    "ProductDetails",
    "ProductDetailsProduct",
    "ProductDetailsProductImages",
    "ProductDetailsProductPricing",
    "ProductDetailsProductPricingPriceRange",
    "ProductDetailsProductPricingPriceRangeStart",
    "ProductDetailsProductPricingPriceRangeStartGross",
    "ProductDetailsProductVariants",
    "SaleorGraphQLClient",
    "ShopStatus",
    "ShopStatusShop",
    "Upload",
]
