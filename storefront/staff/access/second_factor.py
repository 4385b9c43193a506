"""The second factor of staff sign-in: a code from an authenticator app (TOTP, RFC 6238, with
pyotp) or, for a lost phone, one of ten one-time recovery codes.

pyotp rather than django-otp: django-otp's devices belong to a `django.contrib.auth` user, and
staff here are Saleor accounts the storefront knows by e-mail (`StaffSession`); two small tables
keyed on the e-mail fit that.

At rest: a random seed, from which the app's secret is derived with the storefront's SECRET_KEY
(HMAC-SHA256, Django's `salted_hmac`), so a database dump alone gives no codes; recovery codes
as keyed hashes. Changing SECRET_KEY therefore voids every enrolment: staff enrol again
(`manage.py reset_second_factor`).

A code is accepted for the current 30-second step or the one before (a code typed as it rolled
over), and only for a step later than the last one accepted for that account: the same code
twice, even within its 30 seconds, is refused, as is anything older than one step.
"""
from __future__ import annotations

import base64
import hmac
import secrets
from datetime import datetime
from typing import Optional

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..models import RecoveryCode, SecondFactor, StaffSession

ISSUER = "QL Claw staff"
STEP_SECONDS = 30
DIGITS = 6
# Steps before the current one still accepted: one, so a code that just rolled over works.
STEPS_BACK = 1
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: a code copied from paper is read back right. 31 ** 10 ≈ 2 ** 49.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10


def required_for(email: str) -> bool:
    """Whether this account signs in with a second factor: always, unless a local run relaxed
    it (`STAFF_SECOND_FACTOR=optional`) for accounts that never enrolled."""
    return settings.STAFF_SECOND_FACTOR == "required" or is_enrolled(email)


def is_enrolled(email: str) -> bool:
    return SecondFactor.objects.filter(email=email.lower(), confirmed__isnull=False).exists()


def enrolled_emails(emails: list[str]) -> set[str]:
    """Which of these accounts have enrolled (lower case), for the team page: one query."""
    return set(SecondFactor.objects.filter(
        email__in=[email.lower() for email in emails], confirmed__isnull=False,
    ).values_list("email", flat=True))


def totp_secret(factor: SecondFactor) -> str:
    """The secret the app holds (base32), derived from the stored seed and SECRET_KEY."""
    digest = salted_hmac("staff.second_factor.totp", factor.seed, algorithm="sha256").digest()
    return base64.b32encode(digest[:20]).decode()


def _totp(factor: SecondFactor) -> pyotp.TOTP:
    return pyotp.TOTP(totp_secret(factor), digits=DIGITS, interval=STEP_SECONDS, issuer=ISSUER, name=factor.email)


def start_enrolment(email: str) -> Optional[SecondFactor]:
    """The account's factor waiting for its first code (the same one until it is confirmed, so
    a reloaded page shows the QR code already scanned); None once enrolled."""
    factor, _ = SecondFactor.objects.get_or_create(email=email.lower(), defaults={"seed": secrets.token_hex(32)})
    return None if factor.confirmed else factor


def issue_recovery_codes(factor: SecondFactor) -> list[str]:
    """Ten new recovery codes, replacing any earlier ones; their text exists only in the answer."""
    codes = [
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    factor.recovery_codes.all().delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(second_factor=factor, code_hash=_recovery_hash(code)) for code in codes
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def confirm_enrolment(factor: SecondFactor, code: str, *, now: Optional[datetime] = None) -> bool:
    """The app's first code: right and fresh, and the account is enrolled from now on."""
    if not _use_time_code(factor, _digits(code), now or timezone.now()):
        return False
    return SecondFactor.objects.filter(pk=factor.pk, confirmed__isnull=True).update(confirmed=timezone.now()) == 1


def verify(email: str, code: str, *, now: Optional[datetime] = None) -> bool:
    """A code from the app (six digits) or a recovery code, each accepted once."""
    factor = SecondFactor.objects.filter(email=email.lower(), confirmed__isnull=False).first()
    if factor is None:
        return False
    digits = _digits(code)
    if len(digits) == DIGITS:
        return _use_time_code(factor, digits, now or timezone.now())
    return _use_recovery_code(factor, code)


def reset(email: str) -> bool:
    """Forget the account's second factor (a lost phone): it enrols again at its next sign-in,
    and its sessions end now, so nobody stays signed in on the old factor. True if it had one."""
    forgotten, _ = SecondFactor.objects.filter(email=email.lower()).delete()
    StaffSession.objects.filter(email__iexact=email).delete()
    return bool(forgotten)


def qr_code_svg(factor: SecondFactor) -> str:
    """The otpauth:// link as a QR code, drawn on the server as inline SVG (no script, no image
    request); dark on white whatever the page's colours, as phone cameras need."""
    link = _totp(factor).provisioning_uri()
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12, border=4)
    return image.to_string(encoding="unicode")


def _digits(code: str) -> str:
    return "".join(character for character in code if not character.isspace())


def _use_time_code(factor: SecondFactor, code: str, now: datetime) -> bool:
    if len(code) != DIGITS or not code.isdigit():
        return False
    totp = _totp(factor)
    current = totp.timecode(now)
    for step in range(current, current - STEPS_BACK - 1, -1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            # One conditional UPDATE: of two requests with the same code, only one moves the step on.
            fresher = Q(last_time_step__isnull=True) | Q(last_time_step__lt=step)
            return SecondFactor.objects.filter(fresher, pk=factor.pk).update(last_time_step=step) == 1
    return False


def _use_recovery_code(factor: SecondFactor, code: str) -> bool:
    normalised = "".join(character for character in code.lower() if character.isalnum())
    if len(normalised) != RECOVERY_CODE_LENGTH:
        return False
    return RecoveryCode.objects.filter(
        second_factor=factor, code_hash=_recovery_hash(normalised), used__isnull=True,
    ).update(used=timezone.now()) == 1


def _recovery_hash(code: str) -> str:
    return salted_hmac("staff.second_factor.recovery", code, algorithm="sha256").hexdigest()
