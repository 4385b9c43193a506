"""What other parts of the shop may ask of the newsletter's list."""
from __future__ import annotations

from .models import Subscriber


def has_unsubscribed(email: str) -> bool:
    """The address left the newsletter: the shop sends it no mail it may refuse (review requests)."""
    return Subscriber.objects.filter(email=email.strip().lower(), status=Subscriber.Status.UNSUBSCRIBED).exists()
