"""The key in a review link: Django's TimestampSigner over the order's token, with a salt of its own.

The link is /reviews/<order token>/<key>/; the key is the signature's timestamp and hash only, so
a key is worth nothing beside another order's token, and it expires (REVIEW_LINK_MAX_AGE_DAYS)."""
from __future__ import annotations

import time
import uuid
from typing import Optional

from django.conf import settings
from django.core import signing

SALT = "reviews.write"


class _SignedAt(signing.TimestampSigner):
    def __init__(self, at: Optional[float]) -> None:
        super().__init__(salt=SALT)
        self.at = at

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.at if self.at is not None else time.time()))


def review_key(order_token: str, *, signed_at: Optional[float] = None) -> str:
    """`signed_at` (seconds since the epoch) is for making an old link in a test."""
    signed = _SignedAt(signed_at).sign(str(order_token))
    return signed.split(":", 1)[1]  # the token itself travels in the path beside it


def key_is_valid(order_token: str, key: str) -> bool:
    try:
        uuid.UUID(str(order_token))
        signing.TimestampSigner(salt=SALT).unsign(
            f"{order_token}:{key}", max_age=settings.REVIEW_LINK_MAX_AGE_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError):  # BadSignature includes SignatureExpired
        return False
    return True
