from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import AccountErrorCode


class StaffDeactivate(BaseModel):
    staff_update: Optional["StaffDeactivateStaffUpdate"] = Field(alias="staffUpdate")


class StaffDeactivateStaffUpdate(BaseModel):
    user: Optional["StaffDeactivateStaffUpdateUser"]
    staff_errors: list["StaffDeactivateStaffUpdateStaffErrors"] = Field(
        alias="staffErrors"
    )


class StaffDeactivateStaffUpdateUser(BaseModel):
    id: str
    email: str
    is_active: bool = Field(alias="isActive")


class StaffDeactivateStaffUpdateStaffErrors(BaseModel):
    field: Optional[str]
    code: AccountErrorCode
    message: Optional[str]


StaffDeactivate.model_rebuild()
StaffDeactivateStaffUpdate.model_rebuild()
