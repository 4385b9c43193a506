from .base_model import BaseModel


class ShopStatus(BaseModel):
    shop: "ShopStatusShop"


class ShopStatusShop(BaseModel):
    name: str


ShopStatus.model_rebuild()
