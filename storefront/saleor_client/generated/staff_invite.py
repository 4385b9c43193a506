from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AccountErrorCode


class StaffInvite(BaseModel):
    staff_create: Optional["StaffInviteStaffCreate"] = Field(alias="staffCreate")


class StaffInviteStaffCreate(BaseModel):
    user: Optional["StaffInviteStaffCreateUser"]
    staff_errors: list["StaffInviteStaffCreateStaffErrors"] = Field(alias="staffErrors")


class StaffInviteStaffCreateUser(BaseModel):
    id: str
    email: str


class StaffInviteStaffCreateStaffErrors(BaseModel):
    field: Optional[str]
    code: AccountErrorCode
    message: Optional[str]


StaffInvite.model_rebuild()
StaffInviteStaffCreate.model_rebuild()
