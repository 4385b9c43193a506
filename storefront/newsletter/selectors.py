"""What other parts of the shop may ask of the newsletter's list."""
from __future__ import annotations

from .models import Subscriber


def has_unsubscribed(email: str) -> bool:
    """The address left the newsletter, or asked the shop to erase its data (which deletes the
    newsletter row itself): the shop sends it no mail it may refuse (review requests, reminders)."""
    from privacy_requests.models import DataRequest  # the erasure's record is what remains

    email = email.strip().lower()
    return (Subscriber.objects.filter(email=email, status=Subscriber.Status.UNSUBSCRIBED).exists()
            or DataRequest.objects.filter(kind=DataRequest.ERASURE, email=email).exists())
