from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class StaffProductStock(BaseModel):
    product: Optional["StaffProductStockProduct"]


class StaffProductStockProduct(BaseModel):
    id: str
    name: str
    base_price: Optional["StaffProductStockProductBasePrice"] = Field(alias="basePrice")
    variants: Optional[list[Optional["StaffProductStockProductVariants"]]]


StaffProductStockProductBasePrice = MoneyFields


class StaffProductStockProductVariants(BaseModel):
    id: str
    sku: str
    stocks: Optional[list[Optional["StaffProductStockProductVariantsStocks"]]]


class StaffProductStockProductVariantsStocks(BaseModel):
    warehouse: "StaffProductStockProductVariantsStocksWarehouse"
    quantity: int
    quantity_allocated: int = Field(alias="quantityAllocated")


class StaffProductStockProductVariantsStocksWarehouse(BaseModel):
    id: str
    name: str


StaffProductStock.model_rebuild()
StaffProductStockProduct.model_rebuild()
StaffProductStockProductVariants.model_rebuild()
StaffProductStockProductVariantsStocks.model_rebuild()
