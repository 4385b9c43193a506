"""Staff sign-in through Saleor: Saleor checks the password and issues a 5-minute JWT, which
the storefront keeps server-side and refreshes while the admin works (Saleor's tokenRefresh).

Then the second factor (`second_factor.py`): after the right password the visitor is not signed
in yet. Their `StaffSession` waits, under its own session key, for a code from their
authenticator app (or, at the first sign-in, for enrolment); every staff page sends them to that
step. Codes count in the same limits as passwords (`throttle.py`), and the count is cleared only
once both factors passed: a known password does not buy fresh guesses at the code."""
from __future__ import annotations

import math
from datetime import timedelta
from functools import wraps
from typing import Any, Callable, Optional
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.client_ip import client_ip
from saleor_client.client import saleor
from saleor_client.errors import SaleorGraphQLError, present

from .access import second_factor, throttle
from .models import SecondFactor, StaffSession

SESSION_KEY = "staff_session"
# The password was right; the second factor is still to come.
PENDING_KEY = "staff_awaiting_second_factor"
# As long as Saleor's first token lives: then the password is asked again.
PENDING_FOR = timedelta(minutes=5)
View = Callable[..., HttpResponse]
REQUIRED_PERMISSION = "MANAGE_ORDERS"
# Saleor 2.10 shows warehouses and stock (which shipping needs) only with this permission.
MANAGE_PRODUCTS = "MANAGE_PRODUCTS"
MANAGE_STAFF = "MANAGE_STAFF"
MANAGE_USERS = "MANAGE_USERS"
# Saleor's tokens live 5 minutes; refresh well before.
REFRESH_AFTER = timedelta(minutes=3)
STALE_AFTER = timedelta(days=7)


# One answer for every refusal: a customer's right password must not be told from a wrong one.
REFUSED = "The e-mail or password is not right, or the account may not manage orders."


# Wrong, already used and too old read the same; the next code in the app is the way on.
CODE_REFUSED = "That code is not right, or it was already used. Enter the next code your app shows."


class SignInRefused(Exception):
    pass


class SignInThrottled(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(f"Too many sign-in attempts. Please wait {_wait_in_words(seconds)} and try again.")
        self.seconds = seconds


def _wait_in_words(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    return "a minute" if minutes <= 1 else f"{minutes} minutes"


def _visitor(request: HttpRequest) -> str:
    return client_ip(request) or "0.0.0.0"  # a Unix-socket server gives no address


def _reserve_attempt(request: HttpRequest, email: str) -> None:
    wait = throttle.reserve_attempt(email, _visitor(request))
    if wait is not None:
        raise SignInThrottled(wait)


def sign_in(request: HttpRequest, email: str, password: str) -> StaffSession:
    """Check the password through Saleor (the attempt is counted before Saleor sees it). The
    session returned awaits the second factor unless a local run made it optional."""
    _reserve_attempt(request, email)
    result = present(saleor().staff_sign_in(email=email, password=password).token_create, "sign-in answer")
    user = result.user
    if result.account_errors or not result.token or user is None:
        raise SignInRefused(REFUSED)
    permissions = sorted(permission.code.value for permission in user.user_permissions or [] if permission)
    if not user.is_staff or REQUIRED_PERMISSION not in permissions:
        raise SignInRefused(REFUSED)
    # Sessions nobody signed out of: Saleor refuses to refresh their tokens after a week anyway.
    StaffSession.objects.filter(token_issued__lt=timezone.now() - STALE_AFTER).delete()
    StaffSession.objects.filter(awaiting_second_factor=True, created__lt=timezone.now() - PENDING_FOR).delete()
    staff = StaffSession.objects.create(
        email=user.email, name=f"{user.first_name} {user.last_name}".strip(), permissions=permissions,
        saleor_token=result.token, token_issued=timezone.now(),
        awaiting_second_factor=second_factor.required_for(user.email),
    )
    request.session.cycle_key()
    if staff.awaiting_second_factor:
        request.session[PENDING_KEY] = str(staff.key)
    else:
        _signed_in(request, staff, email)
    return staff


def awaiting_second_factor(request: HttpRequest) -> Optional[StaffSession]:
    """The visitor whose password was right a moment ago, before their code."""
    key = request.session.get(PENDING_KEY)
    if not key:
        return None
    return StaffSession.objects.filter(
        key=key, awaiting_second_factor=True, created__gte=timezone.now() - PENDING_FOR,
    ).first()


def pass_second_factor(request: HttpRequest, staff: StaffSession, code: str) -> None:
    """A code from the app or a recovery code; counted like a password."""
    _reserve_attempt(request, staff.email)
    if not second_factor.verify(staff.email, code):
        raise SignInRefused(CODE_REFUSED)
    _signed_in(request, staff, staff.email)


def enrol(request: HttpRequest, staff: StaffSession, factor: SecondFactor, code: str) -> None:
    """The first code from a newly set-up app enrols the account and signs in."""
    _reserve_attempt(request, staff.email)
    if not second_factor.confirm_enrolment(factor, code):
        raise SignInRefused(CODE_REFUSED)
    _signed_in(request, staff, staff.email)


def _signed_in(request: HttpRequest, staff: StaffSession, email: str) -> None:
    if staff.awaiting_second_factor:
        staff.awaiting_second_factor = False
        staff.save(update_fields=["awaiting_second_factor"])
        request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    request.session[SESSION_KEY] = str(staff.key)
    throttle.forget_attempts(email, _visitor(request))


def sign_out(request: HttpRequest) -> None:
    keys = [key for key in (request.session.pop(SESSION_KEY, None), request.session.pop(PENDING_KEY, None)) if key]
    if keys:
        StaffSession.objects.filter(key__in=keys).delete()


def current_staff(request: HttpRequest) -> Optional[StaffSession]:
    key = request.session.get(SESSION_KEY)
    if not key:
        return None
    staff = StaffSession.objects.filter(key=key, awaiting_second_factor=False).first()
    if staff is None:
        return None
    if timezone.now() - staff.token_issued > REFRESH_AFTER:
        try:
            token = present(saleor().staff_token_refresh(token=staff.saleor_token).token_refresh).token
        except SaleorGraphQLError:
            token = None
        if not token:  # expired beyond refresh: sign in again
            staff.delete()
            return None
        staff.saleor_token, staff.token_issued = token, timezone.now()
        staff.save(update_fields=["saleor_token", "token_issued"])
    return staff


def staff_required(view: View) -> View:
    """Every staff page: signed in with order permission, never cached. A visitor halfway
    through signing in is sent to their second-factor step, anyone else to sign in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        staff = current_staff(request)
        if staff is None:
            pending = awaiting_second_factor(request)
            step = second_factor_step(pending) if pending else "staff:sign-in"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        request.staff = staff
        with timezone.override(settings.SHOP_TIME_ZONE):
            return view(request, *args, **kwargs)

    return never_cache(wrapped)


def second_factor_step(staff: StaffSession) -> str:
    """Where a visitor awaiting the second factor goes: the code, or setting up their app."""
    return "staff:second-factor" if second_factor.is_enrolled(staff.email) else "staff:enrol"


def permission_required(permission: str) -> Callable[[View], View]:
    """A staff page for staff with one more Saleor permission (e.g. MANAGE_STAFF); others get
    403 with plain words. Goes inside `staff_required`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.staff.may(permission):
                return render(request, "staff/forbidden.html", {"permission": permission}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
