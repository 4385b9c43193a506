from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AccountErrorCode, PermissionEnum


class StaffSignIn(BaseModel):
    token_create: Optional["StaffSignInTokenCreate"] = Field(alias="tokenCreate")


class StaffSignInTokenCreate(BaseModel):
    token: Optional[str]
    account_errors: list["StaffSignInTokenCreateAccountErrors"] = Field(
        alias="accountErrors"
    )
    user: Optional["StaffSignInTokenCreateUser"]


class StaffSignInTokenCreateAccountErrors(BaseModel):
    field: Optional[str]
    code: AccountErrorCode
    message: Optional[str]


class StaffSignInTokenCreateUser(BaseModel):
    email: str
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")
    is_staff: bool = Field(alias="isStaff")
    user_permissions: Optional[
        list[Optional["StaffSignInTokenCreateUserUserPermissions"]]
    ] = Field(alias="userPermissions")


class StaffSignInTokenCreateUserUserPermissions(BaseModel):
    code: PermissionEnum


StaffSignIn.model_rebuild()
StaffSignInTokenCreate.model_rebuild()
StaffSignInTokenCreateUser.model_rebuild()
