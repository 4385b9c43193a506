"""The key in a review link: Django's TimestampSigner over the order's token, with a salt of its own.

The link is /reviews/<order token>/<key>/; the key is the signature's timestamp and hash only, so
a key is worth nothing beside another order's token, and it expires (REVIEW_LINK_MAX_AGE_DAYS)."""
from __future__ import annotations

import uuid
from typing import Optional

from django.conf import settings
from django.core import signing

from core.signing import SignerAt

SALT = "reviews.write"


def review_key(order_token: str, *, signed_at: Optional[float] = None) -> str:
    """`signed_at` (seconds since the epoch) is for making an old link in a test."""
    signed = SignerAt(salt=SALT, at=signed_at).sign(str(order_token))
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
