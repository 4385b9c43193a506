from .base_model import BaseModel


class ShopCountries(BaseModel):
    shop: "ShopCountriesShop"


class ShopCountriesShop(BaseModel):
    countries: list["ShopCountriesShopCountries"]


class ShopCountriesShopCountries(BaseModel):
    code: str
    country: str


ShopCountries.model_rebuild()
ShopCountriesShop.model_rebuild()
