"""Staff sign-in limits, keyed on (account, visitor address), so a stranger's wrong passwords
lock only the stranger out, never the real admin signing in from elsewhere.

Every attempt is counted (under an advisory lock) *before* Saleor checks the password: thirty
parallel guesses get exactly the limit's worth of tries. Codes from an authenticator app count the
same way (`auth.pass_second_factor`), and only a sign-in that passed both clears the count. Reaching
the limit locks that pair out for a minute, then 2, 4 … up to an hour while it keeps recurring.

Guessing spread over many addresses meets a budget per account across all of them
(STAFF_SIGN_IN_BUDGET_PER_ACCOUNT, 20 an hour): past it, the account takes one attempt every
PACE, whoever makes it — a delay a stranger can cause, never a lockout — and the shop is e-mailed
once. Addresses are counted as visitors: an IPv4-mapped IPv6 address as its IPv4 address, IPv6
per /64 (what one subscriber gets). Rows untouched for a day are deleted by a daily job.
"""
from __future__ import annotations

import ipaddress
import math
from datetime import datetime, timedelta
from typing import Optional

from django.conf import settings
from django.utils import timezone

from core.locks import advisory_lock
from jobs.queue import defer

from ..models import SignInThrottle

ANY_ACCOUNT = "*"
EVERYWHERE = "::"  # the address of an account's budget row: all visitors together
PACE = timedelta(seconds=10)
FIRST_LOCKOUT = timedelta(minutes=1)
LONGEST_LOCKOUT = timedelta(hours=1)
# A pair that stayed out of trouble this long starts again from the shortest lockout.
FORGIVE_AFTER = timedelta(days=1)
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, timedelta]:
    """'5/m' -> (5, 1 minute); the format django-ratelimit uses for the other limits."""
    count, _, unit = rate.partition("/")
    return int(count), timedelta(seconds=UNITS[unit[-1]] * int(unit[:-1] or 1))


def visitor_key(address: str) -> str:
    """One visitor, one key: `::ffff:203.0.113.66` is 203.0.113.66, and an IPv6 address counts
    as its /64 (a subscriber's whole prefix)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def reserve_attempt(account: str, client_ip: str) -> Optional[int]:
    """Count one sign-in attempt; None to go ahead, else the seconds the visitor must wait."""
    account, visitor = account.strip().lower(), visitor_key(client_ip)
    limits = [
        (account, settings.STAFF_SIGN_INS_PER_ACCOUNT),
        (ANY_ACCOUNT, settings.STAFF_SIGN_INS_PER_IP),
    ]
    waits = [_reserve(key, visitor, *parse_rate(rate)) for key, rate in limits]
    refused = [wait for wait in waits if wait]
    if refused:
        return max(refused)
    return _spend_budget(account, *parse_rate(settings.STAFF_SIGN_IN_BUDGET_PER_ACCOUNT))


def forget_attempts(account: str, client_ip: str) -> None:
    """After a successful sign-in (password and code): the admin starts from a clean slate."""
    account = account.strip().lower()
    SignInThrottle.objects.filter(account__in=[account, ANY_ACCOUNT], client_ip=visitor_key(client_ip)).delete()
    SignInThrottle.objects.filter(account=account, client_ip=EVERYWHERE).delete()


def forget_old_attempts() -> int:
    """Rows nobody touched for a day (and not locked out): the table does not grow for ever."""
    quiet_since = timezone.now() - FORGIVE_AFTER
    stale = SignInThrottle.objects.filter(window_started__lt=quiet_since).exclude(locked_until__gte=quiet_since)
    return stale.delete()[0]


def _spend_budget(account: str, budget: int, window: timedelta) -> Optional[int]:
    """Attempts at one account from every address together: past the budget, one per PACE."""
    now = timezone.now()
    with advisory_lock(f"staff-sign-in:{account}:{EVERYWHERE}"):
        row, _ = SignInThrottle.objects.get_or_create(
            account=account, client_ip=EVERYWHERE, defaults={"window_started": now}
        )
        if now - row.window_started >= window:
            row.attempts, row.window_started, row.locked_until = 0, now, None
        if row.attempts >= budget:
            if row.locked_until and row.locked_until > now:
                return math.ceil((row.locked_until - now).total_seconds())
            row.locked_until = now + PACE
        row.attempts += 1
        row.save()
        if row.attempts == budget + 1:
            _alert_shop(account, budget, window, row.window_started)
        return None


def _alert_shop(account: str, budget: int, window: timedelta, since: datetime) -> None:
    defer("staff.tasks.alert_sign_in_burst", account=account, attempts=budget, minutes=int(window.total_seconds() // 60),
          since=since.isoformat())


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
