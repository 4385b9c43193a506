from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel


class StaffDashboard(BaseModel):
    to_ship: Optional["StaffDashboardToShip"] = Field(alias="toShip")
    products: Optional["StaffDashboardProducts"] = None


class StaffDashboardToShip(BaseModel):
    total_count: Optional[int] = Field(alias="totalCount")
    edges: list["StaffDashboardToShipEdges"]


class StaffDashboardToShipEdges(BaseModel):
    node: "StaffDashboardToShipEdgesNode"


class StaffDashboardToShipEdgesNode(BaseModel):
    id: str
    number: Optional[str]
    created: Any
    user_email: Optional[str] = Field(alias="userEmail")


class StaffDashboardProducts(BaseModel):
    edges: list["StaffDashboardProductsEdges"]


class StaffDashboardProductsEdges(BaseModel):
    node: "StaffDashboardProductsEdgesNode"


class StaffDashboardProductsEdgesNode(BaseModel):
    name: str
    slug: str
    variants: Optional[list[Optional["StaffDashboardProductsEdgesNodeVariants"]]]


class StaffDashboardProductsEdgesNodeVariants(BaseModel):
    sku: str
    name: str
    stocks: Optional[list[Optional["StaffDashboardProductsEdgesNodeVariantsStocks"]]]


class StaffDashboardProductsEdgesNodeVariantsStocks(BaseModel):
    quantity: int
    quantity_allocated: int = Field(alias="quantityAllocated")


StaffDashboard.model_rebuild()
StaffDashboardToShip.model_rebuild()
StaffDashboardToShipEdges.model_rebuild()
StaffDashboardProducts.model_rebuild()
StaffDashboardProductsEdges.model_rebuild()
StaffDashboardProductsEdgesNode.model_rebuild()
StaffDashboardProductsEdgesNodeVariants.model_rebuild()
