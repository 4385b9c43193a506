from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import BuyerOrder


class OrderForBuyer(BaseModel):
    order_by_token: Optional["OrderForBuyerOrderByToken"] = Field(alias="orderByToken")


OrderForBuyerOrderByToken = BuyerOrder
OrderForBuyer.model_rebuild()
