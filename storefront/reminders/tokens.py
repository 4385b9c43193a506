"""The link back to the cart in a reminder: Django's TimestampSigner over the checkout token, with a
salt of its own, so the link opens that cart on any device and expires after CART_REMINDER_LINK_DAYS."""
from __future__ import annotations

import uuid
from typing import Optional

from django.conf import settings
from django.core import signing

SALT = "reminders.cart"


def cart_link_token(checkout_token: str) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(checkout_token))


def read_cart_link(token: str) -> Optional[str]:
    """The checkout token the link was signed for, or None when it is forged, cut short or too old."""
    try:
        checkout_token = signing.TimestampSigner(salt=SALT).unsign(
            token, max_age=settings.CART_REMINDER_LINK_DAYS * 24 * 3600
        )
        return str(uuid.UUID(checkout_token))
    except (signing.BadSignature, ValueError):  # BadSignature includes SignatureExpired
        return None
