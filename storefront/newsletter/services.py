from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from core.links import absolute_url
from mail.services import make_message_id
from mail.tasks import queue_email

from . import tokens
from .models import Subscriber, new_nonce


def _queue_mail(subscriber: Subscriber, template: str, context: dict) -> None:
    unsubscribe_url = absolute_url("newsletter:unsubscribe", token=tokens.unsubscribe_token(subscriber.email))
    queue_email(
        template=f"newsletter/email/{template}",
        to=subscriber.email,
        context={**context, "unsubscribe_url": unsubscribe_url},
        # One id per request: asking twice sends twice, a retried job never does.
        message_id=make_message_id("newsletter", template, uuid.uuid4().hex),
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
    )


def request_subscription(email: str) -> Subscriber:
    """Sign up (again): one row per address; a confirmation link goes out unless already subscribed."""
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == Subscriber.Status.SUBSCRIBED:
            return subscriber
        subscriber.status = Subscriber.Status.PENDING
        subscriber.save(update_fields=["status"])
        confirm_url = absolute_url(
            "newsletter:confirm", token=tokens.confirmation_token(subscriber.email, subscriber.confirmation_nonce)
        )
        _queue_mail(subscriber, "confirm", {"confirm_url": confirm_url})
    return subscriber


def confirm(token: str) -> bool:
    data = tokens.read_confirmation(token)
    if data is None:
        return False
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=data.get("email")).first()
        if subscriber is None or subscriber.confirmation_nonce != data.get("nonce"):
            return False
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.confirmation_nonce = new_nonce()  # the link now works only once
        subscriber.save(update_fields=["status", "confirmed_at", "confirmation_nonce"])
    return True


def unsubscribe(token: str) -> bool:
    email = tokens.read_unsubscribe(token)
    if email is None:
        return False
    now = timezone.now()
    Subscriber.objects.filter(email=email).exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now
    )
    # A buyer who never subscribed unsubscribes from a review request: remembered all the same.
    Subscriber.objects.get_or_create(
        email=email, defaults={"status": Subscriber.Status.UNSUBSCRIBED, "unsubscribed_at": now}
    )
    return True


def forget(email: str) -> bool:
    """Erase the address's row on a buyer's request (GDPR Art. 17); True if there was one.
    A later sign-up starts afresh with a confirmation link."""
    deleted, _ = Subscriber.objects.filter(email=email.strip().lower()).delete()
    return bool(deleted)
