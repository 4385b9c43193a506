"""Staff sign-in limits, keyed on (account, visitor address), so a stranger's wrong passwords
lock only the stranger out, never the real admin signing in from elsewhere.

Every attempt is counted (under an advisory lock) *before* Saleor checks the password: thirty
parallel guesses get exactly the limit's worth of tries. Codes from an authenticator app count the
same way (`auth.pass_second_factor`), and only a sign-in that passed both clears the count. Reaching
the limit locks that pair out for a minute, then 2, 4 … up to an hour while it keeps recurring.
"""
from __future__ import annotations

import math
from datetime import timedelta
from typing import Optional

from django.conf import settings
from django.utils import timezone

from core.locks import advisory_lock

from .models import SignInThrottle

ANY_ACCOUNT = "*"
FIRST_LOCKOUT = timedelta(minutes=1)
LONGEST_LOCKOUT = timedelta(hours=1)
# A pair that stayed out of trouble this long starts again from the shortest lockout.
FORGIVE_AFTER = timedelta(days=1)
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, timedelta]:
    """'5/m' -> (5, 1 minute); the format django-ratelimit uses for the other limits."""
    count, _, unit = rate.partition("/")
    return int(count), timedelta(seconds=UNITS[unit[-1]] * int(unit[:-1] or 1))


def reserve_attempt(account: str, client_ip: str) -> Optional[int]:
    """Count one sign-in attempt; None to go ahead, else the seconds the visitor must wait."""
    limits = [
        (account.strip().lower(), settings.STAFF_SIGN_INS_PER_ACCOUNT),
        (ANY_ACCOUNT, settings.STAFF_SIGN_INS_PER_IP),
    ]
    waits = [_reserve(key, client_ip, *parse_rate(rate)) for key, rate in limits]
    refused = [wait for wait in waits if wait]
    return max(refused) if refused else None


def forget_attempts(account: str, client_ip: str) -> None:
    """After a successful sign-in: the admin starts from a clean slate."""
    SignInThrottle.objects.filter(account__in=[account.strip().lower(), ANY_ACCOUNT], client_ip=client_ip).delete()


def _reserve(account: str, client_ip: str, limit: int, window: timedelta) -> Optional[int]:
    now = timezone.now()
    with advisory_lock(f"staff-sign-in:{account}:{client_ip}"):
        row, _ = SignInThrottle.objects.get_or_create(
            account=account, client_ip=client_ip, defaults={"window_started": now}
        )
        if row.locked_until and row.locked_until > now:
            return math.ceil((row.locked_until - now).total_seconds())
        if row.locked_until and now - row.locked_until > FORGIVE_AFTER:
            row.lockouts = 0
        if now - row.window_started >= window:
            row.attempts, row.window_started = 0, now
        if row.attempts >= limit:
            row.lockouts += 1
            lockout = min(FIRST_LOCKOUT * 2 ** (row.lockouts - 1), LONGEST_LOCKOUT)
            row.locked_until, row.attempts, row.window_started = now + lockout, 0, now
            row.save()
            return math.ceil(lockout.total_seconds())
        row.attempts += 1
        row.save()
        return None
