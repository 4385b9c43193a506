"""The key in a data download link: Django's TimestampSigner over the request's number, with a
salt of its own (the address is read from the request, so it never travels in a URL). It
expires after DATA_EXPORT_LINK_DAYS; a changed character makes it worthless."""
from __future__ import annotations

from typing import Optional

from django.conf import settings
from django.core import signing

from core.signing import SignerAt

SALT = "privacy_requests.export"


def export_key(request_id: int, *, signed_at: Optional[float] = None) -> str:
    """`signed_at` (seconds since the epoch) is for making an old link in a test."""
    return SignerAt(salt=SALT, at=signed_at).sign(str(request_id))


def read_export_key(key: str) -> Optional[int]:
    """The request's number in a key that is whole and not older than the link's lifetime."""
    try:
        return int(signing.TimestampSigner(salt=SALT).unsign(key, max_age=settings.DATA_EXPORT_LINK_DAYS * 24 * 3600))
    except (signing.BadSignature, ValueError):  # BadSignature includes SignatureExpired
        return None
