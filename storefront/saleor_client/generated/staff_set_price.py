from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import ProductErrorCode


class StaffSetPrice(BaseModel):
    product_update: Optional["StaffSetPriceProductUpdate"] = Field(
        alias="productUpdate"
    )


class StaffSetPriceProductUpdate(BaseModel):
    product_errors: list["StaffSetPriceProductUpdateProductErrors"] = Field(
        alias="productErrors"
    )


class StaffSetPriceProductUpdateProductErrors(BaseModel):
    field: Optional[str]
    code: ProductErrorCode
    message: Optional[str]


StaffSetPrice.model_rebuild()
StaffSetPriceProductUpdate.model_rebuild()
