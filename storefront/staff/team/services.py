"""Staff accounts: who may work in the staff area, inviting a new one into a permission group,
deactivating one. Only for staff with Saleor's MANAGE_STAFF permission; Saleor checks it too.

Saleor 2.10 grants permissions through groups, creates the account (`staffCreate` with
`addGroups`) and mails the set-password link itself (only Saleor can make its token); the
link leads to the storefront's set-password page, which calls `setPassword`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional, Sequence

from core.links import absolute_url
from saleor_client.client import saleor, saleor_as_staff
from saleor_client.errors import SaleorValidationError, present, raise_for_errors
from saleor_client.generated.input_types import StaffCreateInput
from saleor_client.values import parse_datetime

from ..access import second_factor
from ..auth import REQUIRED_PERMISSION
from ..models import StaffSession


class TeamError(Exception):
    """Saleor refused; the message says why, for the admin."""


@dataclass(frozen=True)
class StaffMember:
    id: str
    email: str
    name: str
    is_active: bool
    groups: tuple[str, ...]
    last_login: Optional[datetime]
    # Has set up an authenticator app (staff/second_factor.py); without one they enrol at their next sign-in.
    second_factor: bool = False


@dataclass(frozen=True)
class PermissionGroup:
    id: str
    name: str
    permissions: tuple[str, ...]  # Saleor's words for them


@dataclass(frozen=True)
class Team:
    members: tuple[StaffMember, ...]
    groups: tuple[PermissionGroup, ...]  # the ones this admin may hand out and that allow signing in


def team(staff: StaffSession) -> Team:
    result = saleor_as_staff(staff).staff_members()
    nodes = [edge.node for edge in (result.staff_users.edges if result.staff_users else [])]
    enrolled = second_factor.enrolled_emails([node.email for node in nodes])
    members = tuple(
        StaffMember(
            id=node.id, email=node.email, name=f"{node.first_name} {node.last_name}".strip(), is_active=node.is_active,
            groups=tuple(group.name for group in node.permission_groups or [] if group),
            last_login=parse_datetime(node.last_login), second_factor=node.email.lower() in enrolled,
        )
        for node in nodes
    )
    groups = []
    for group in (result.me.editable_groups or []) if result.me else []:
        if group is None:
            continue
        codes = {permission.code.value for permission in group.permissions or [] if permission}
        # An invitee without the order permission could not sign in here: such groups are not offered.
        if REQUIRED_PERMISSION in codes:
            groups.append(PermissionGroup(
                id=group.id, name=group.name,
                permissions=tuple(sorted(permission.name for permission in group.permissions or [] if permission)),
            ))
    return Team(members=members, groups=tuple(groups))


def _checked(errors: Sequence[Any], action: str) -> None:
    try:
        raise_for_errors(errors)
    except SaleorValidationError as error:
        raise TeamError(f"{action}: {error.errors[0].message}") from error


def invite(staff: StaffSession, *, email: str, first_name: str, last_name: str, group_id: str) -> str:
    """Create the account in the group; Saleor e-mails the invitee a link to choose a password."""
    result = saleor_as_staff(staff).staff_invite(input=StaffCreateInput(
        email=email, first_name=first_name, last_name=last_name, is_active=True, add_groups=[group_id],
        redirect_url=absolute_url("staff:set-password"),
    )).staff_create
    _checked(present(result).staff_errors, "The invitation was refused")
    return present(present(result).user, "new account").email


def deactivate(staff: StaffSession, member_id: str) -> str:
    """Saleor refuses the account from then on; their open staff sessions here end at once."""
    result = present(saleor_as_staff(staff).staff_deactivate(id=member_id).staff_update)
    _checked(result.staff_errors, "Deactivating was refused")
    email = present(result.user, "account").email
    StaffSession.objects.filter(email__iexact=email).delete()
    return email


def set_password(*, email: str, token: str, password: str) -> None:
    """The invitee's own step, with the token from Saleor's e-mail (no staff token needed)."""
    result = present(saleor().staff_set_password(email=email, token=token, password=password).set_password)
    _checked(result.account_errors, "The password was not set")
