"""Staff sign-in through Saleor: Saleor checks the password and issues a 5-minute JWT, which
the storefront keeps server-side and refreshes while the admin works (Saleor's tokenRefresh)."""
from __future__ import annotations

import math
from datetime import timedelta
from functools import wraps
from typing import Optional
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.client_ip import client_ip
from saleor_client.client import saleor
from saleor_client.errors import SaleorGraphQLError

from . import throttle
from .models import StaffSession

SESSION_KEY = "staff_session"
REQUIRED_PERMISSION = "MANAGE_ORDERS"
# Saleor's tokens live 5 minutes; refresh well before.
REFRESH_AFTER = timedelta(minutes=3)
STALE_AFTER = timedelta(days=7)


# One answer for every refusal: a customer's right password must not be told from a wrong one.
REFUSED = "The e-mail or password is not right, or the account may not manage orders."


class SignInRefused(Exception):
    pass


class SignInThrottled(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(f"Too many sign-in attempts. Please wait {_wait_in_words(seconds)} and try again.")
        self.seconds = seconds


def _wait_in_words(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    return "a minute" if minutes <= 1 else f"{minutes} minutes"


def sign_in(request: HttpRequest, email: str, password: str) -> StaffSession:
    """Sign in through Saleor; the attempt is counted before Saleor sees the password."""
    visitor = client_ip(request) or "0.0.0.0"  # a Unix-socket server gives no address
    wait = throttle.reserve_attempt(email, visitor)
    if wait is not None:
        raise SignInThrottled(wait)
    result = saleor().staff_sign_in(email=email, password=password).token_create
    user = result.user
    if result.account_errors or not result.token or user is None:
        raise SignInRefused(REFUSED)
    permissions = sorted(permission.code.value for permission in user.user_permissions or [] if permission)
    if not user.is_staff or REQUIRED_PERMISSION not in permissions:
        raise SignInRefused(REFUSED)
    throttle.forget_attempts(email, visitor)
    # Sessions nobody signed out of: Saleor refuses to refresh their tokens after a week anyway.
    StaffSession.objects.filter(token_issued__lt=timezone.now() - STALE_AFTER).delete()
    staff = StaffSession.objects.create(
        email=user.email, name=f"{user.first_name} {user.last_name}".strip(), permissions=permissions,
        saleor_token=result.token, token_issued=timezone.now(),
    )
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


def staff_required(view):
    """Every staff page: signed in with order permission, never cached."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        staff = current_staff(request)
        if staff is None:
            return redirect(f"{reverse('staff:sign-in')}?{urlencode({'next': request.get_full_path()})}")
        request.staff = staff
        with timezone.override(settings.SHOP_TIME_ZONE):
            return view(request, *args, **kwargs)

    return never_cache(wrapped)


def permission_required(permission: str):
    """A staff page for staff with one more Saleor permission (e.g. MANAGE_STAFF); others get
    403 with plain words. Goes inside `staff_required`."""

    def decorate(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.staff.may(permission):
                return render(request, "staff/forbidden.html", {"permission": permission}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
