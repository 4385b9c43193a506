"""Staff sign-in through Saleor: Saleor checks the password and issues a 5-minute JWT, which
the storefront keeps server-side and refreshes while the admin works (Saleor's tokenRefresh)."""
from __future__ import annotations

from datetime import timedelta
from functools import wraps
from typing import Optional
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache

from saleor_client.client import saleor
from saleor_client.errors import SaleorGraphQLError

from .models import StaffSession

SESSION_KEY = "staff_session"
REQUIRED_PERMISSION = "MANAGE_ORDERS"
# Saleor's tokens live 5 minutes; refresh well before.
REFRESH_AFTER = timedelta(minutes=3)
STALE_AFTER = timedelta(days=7)


class SignInRefused(Exception):
    pass


def sign_in(request: HttpRequest, email: str, password: str) -> StaffSession:
    result = saleor().staff_sign_in(email=email, password=password).token_create
    user = result.user
    if result.account_errors or not result.token or user is None:
        raise SignInRefused("The e-mail or password is not right.")
    permissions = {permission.code.value for permission in user.user_permissions or [] if permission}
    if not user.is_staff or REQUIRED_PERMISSION not in permissions:
        raise SignInRefused("This account may not manage orders.")
    # Sessions nobody signed out of: Saleor refuses to refresh their tokens after a week anyway.
    StaffSession.objects.filter(token_issued__lt=timezone.now() - STALE_AFTER).delete()
    staff = StaffSession.objects.create(email=user.email, saleor_token=result.token, token_issued=timezone.now())
    request.session.cycle_key()
    request.session[SESSION_KEY] = str(staff.key)
    return staff


def sign_out(request: HttpRequest) -> None:
    key = request.session.pop(SESSION_KEY, None)
    if key:
        StaffSession.objects.filter(key=key).delete()


def current_staff(request: HttpRequest) -> Optional[StaffSession]:
    key = request.session.get(SESSION_KEY)
    if not key:
        return None
    staff = StaffSession.objects.filter(key=key).first()
    if staff is None:
        return None
    if timezone.now() - staff.token_issued > REFRESH_AFTER:
        try:
            token = saleor().staff_token_refresh(token=staff.saleor_token).token_refresh.token
        except SaleorGraphQLError:
            token = None
        if not token:  # expired beyond refresh: sign in again
            staff.delete()
            return None
        staff.saleor_token, staff.token_issued = token, timezone.now()
        staff.save(update_fields=["saleor_token", "token_issued"])
    return staff


def auth_headers(staff: StaffSession) -> dict[str, str]:
    return {"headers": {"Authorization": f"JWT {staff.saleor_token}"}}


def staff_required(view):
    """Every staff page: signed in with order permission, never cached."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        staff = current_staff(request)
        if staff is None:
            return redirect(f"/staff/sign-in/?{urlencode({'next': request.get_full_path()})}")
        request.staff = staff
        return view(request, *args, **kwargs)

    return never_cache(wrapped)
