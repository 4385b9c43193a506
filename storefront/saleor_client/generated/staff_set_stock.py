from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ProductErrorCode


class StaffSetStock(BaseModel):
    product_variant_stocks_update: Optional[
        "StaffSetStockProductVariantStocksUpdate"
    ] = Field(alias="productVariantStocksUpdate")


class StaffSetStockProductVariantStocksUpdate(BaseModel):
    bulk_stock_errors: list[
        "StaffSetStockProductVariantStocksUpdateBulkStockErrors"
    ] = Field(alias="bulkStockErrors")


class StaffSetStockProductVariantStocksUpdateBulkStockErrors(BaseModel):
    field: Optional[str]
    code: ProductErrorCode
    message: Optional[str]


StaffSetStock.model_rebuild()
StaffSetStockProductVariantStocksUpdate.model_rebuild()
