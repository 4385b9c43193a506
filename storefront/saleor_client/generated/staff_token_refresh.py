from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class StaffTokenRefresh(BaseModel):
    token_refresh: Optional["StaffTokenRefreshTokenRefresh"] = Field(
        alias="tokenRefresh"
    )


class StaffTokenRefreshTokenRefresh(BaseModel):
    token: Optional[str]


StaffTokenRefresh.model_rebuild()
