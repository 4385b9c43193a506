from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import PermissionEnum


class StaffMembers(BaseModel):
    staff_users: Optional["StaffMembersStaffUsers"] = Field(alias="staffUsers")
    me: Optional["StaffMembersMe"]


class StaffMembersStaffUsers(BaseModel):
    edges: list["StaffMembersStaffUsersEdges"]


class StaffMembersStaffUsersEdges(BaseModel):
    node: "StaffMembersStaffUsersEdgesNode"


class StaffMembersStaffUsersEdgesNode(BaseModel):
    id: str
    email: str
    first_name: str = Field(alias="firstName")
    last_name: str = Field(alias="lastName")
    is_active: bool = Field(alias="isActive")
    last_login: Optional[Any] = Field(alias="lastLogin")
    permission_groups: Optional[
        list[Optional["StaffMembersStaffUsersEdgesNodePermissionGroups"]]
    ] = Field(alias="permissionGroups")


class StaffMembersStaffUsersEdgesNodePermissionGroups(BaseModel):
    name: str


class StaffMembersMe(BaseModel):
    email: str
    editable_groups: Optional[list[Optional["StaffMembersMeEditableGroups"]]] = Field(
        alias="editableGroups"
    )


class StaffMembersMeEditableGroups(BaseModel):
    id: str
    name: str
    permissions: Optional[list[Optional["StaffMembersMeEditableGroupsPermissions"]]]


class StaffMembersMeEditableGroupsPermissions(BaseModel):
    code: PermissionEnum
    name: str


StaffMembers.model_rebuild()
StaffMembersStaffUsers.model_rebuild()
StaffMembersStaffUsersEdges.model_rebuild()
StaffMembersStaffUsersEdgesNode.model_rebuild()
StaffMembersMe.model_rebuild()
StaffMembersMeEditableGroups.model_rebuild()
