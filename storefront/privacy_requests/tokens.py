"""The key in a data download link: Django's TimestampSigner over the request's number, with a
salt of its own (the address is read from the request, so it never travels in a URL). It
expires after DATA_EXPORT_LINK_DAYS; a changed character makes it worthless."""
from __future__ import annotations

import time
from typing import Optional

from django.conf import settings
from django.core import signing

SALT = "privacy_requests.export"


class _SignedAt(signing.TimestampSigner):
    def __init__(self, at: Optional[float]) -> None:
        super().__init__(salt=SALT)
        self.at = at

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.at if self.at is not None else time.time()))


def export_key(request_id: int, *, signed_at: Optional[float] = None) -> str:
    """`signed_at` (seconds since the epoch) is for making an old link in a test."""
    return _SignedAt(signed_at).sign(str(request_id))


def read_export_key(key: str) -> Optional[int]:
    """The request's number in a key that is whole and not older than the link's lifetime."""
    try:
        return int(signing.TimestampSigner(salt=SALT).unsign(key, max_age=settings.DATA_EXPORT_LINK_DAYS * 24 * 3600))
    except (signing.BadSignature, ValueError):  # BadSignature includes SignatureExpired
        return None
