from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class OrderForLookup(BaseModel):
    order: Optional["OrderForLookupOrder"]


class OrderForLookupOrder(BaseModel):
    token: str
    user_email: Optional[str] = Field(alias="userEmail")


OrderForLookup.model_rebuild()
