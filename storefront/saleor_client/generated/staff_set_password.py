from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AccountErrorCode


class StaffSetPassword(BaseModel):
    set_password: Optional["StaffSetPasswordSetPassword"] = Field(alias="setPassword")


class StaffSetPasswordSetPassword(BaseModel):
    token: Optional[str]
    account_errors: list["StaffSetPasswordSetPasswordAccountErrors"] = Field(
        alias="accountErrors"
    )


class StaffSetPasswordSetPasswordAccountErrors(BaseModel):
    field: Optional[str]
    code: AccountErrorCode
    message: Optional[str]


StaffSetPassword.model_rebuild()
StaffSetPasswordSetPassword.model_rebuild()
