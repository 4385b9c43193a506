from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class StaffVariantStock(BaseModel):
    product_variant: Optional["StaffVariantStockProductVariant"] = Field(
        alias="productVariant"
    )


class StaffVariantStockProductVariant(BaseModel):
    id: str
    stocks: Optional[list[Optional["StaffVariantStockProductVariantStocks"]]]


class StaffVariantStockProductVariantStocks(BaseModel):
    warehouse: "StaffVariantStockProductVariantStocksWarehouse"
    quantity: int


class StaffVariantStockProductVariantStocksWarehouse(BaseModel):
    id: str


StaffVariantStock.model_rebuild()
StaffVariantStockProductVariant.model_rebuild()
StaffVariantStockProductVariantStocks.model_rebuild()
