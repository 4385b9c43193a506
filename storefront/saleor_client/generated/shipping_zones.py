from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields


class ShippingZones(BaseModel):
    shipping_zones: Optional["ShippingZonesShippingZones"] = Field(
        alias="shippingZones"
    )


class ShippingZonesShippingZones(BaseModel):
    edges: list["ShippingZonesShippingZonesEdges"]


class ShippingZonesShippingZonesEdges(BaseModel):
    node: "ShippingZonesShippingZonesEdgesNode"


class ShippingZonesShippingZonesEdgesNode(BaseModel):
    name: str
    default: bool
    countries: Optional[list[Optional["ShippingZonesShippingZonesEdgesNodeCountries"]]]
    shipping_methods: Optional[
        list[Optional["ShippingZonesShippingZonesEdgesNodeShippingMethods"]]
    ] = Field(alias="shippingMethods")


class ShippingZonesShippingZonesEdgesNodeCountries(BaseModel):
    code: str
    country: str


class ShippingZonesShippingZonesEdgesNodeShippingMethods(BaseModel):
    name: str
    price: Optional["ShippingZonesShippingZonesEdgesNodeShippingMethodsPrice"]


ShippingZonesShippingZonesEdgesNodeShippingMethodsPrice = MoneyFields
ShippingZones.model_rebuild()
ShippingZonesShippingZones.model_rebuild()
ShippingZonesShippingZonesEdges.model_rebuild()
ShippingZonesShippingZonesEdgesNode.model_rebuild()
ShippingZonesShippingZonesEdgesNodeShippingMethods.model_rebuild()
