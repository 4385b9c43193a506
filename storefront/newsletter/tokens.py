"""Signed links for the newsletter: Django's TimestampSigner, one salt per purpose.

The confirmation link carries the subscriber's current nonce and expires; the unsubscribe
link in every e-mail never expires (an old e-mail must still let you leave)."""
from __future__ import annotations

from typing import Optional

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirmation_token(email: str, nonce: str) -> str:
    return signing.dumps({"email": email, "nonce": nonce}, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token: str) -> Optional[dict]:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None


def unsubscribe_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe(token: str) -> Optional[str]:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)["email"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
