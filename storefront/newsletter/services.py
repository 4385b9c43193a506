from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from . import tokens
from .models import Subscriber, new_nonce


def _send(subscriber: Subscriber, subject: str, template: str, context: dict) -> None:
    base = settings.SHOP_BASE_URL
    context = {
        **context,
        "unsubscribe_url": f"{base}/newsletter/unsubscribe/{tokens.unsubscribe_token(subscriber.email)}/",
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    message.send()


def request_subscription(email: str) -> Subscriber:
    """Sign up (again): one row per address; a confirmation link goes out unless already subscribed."""
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == Subscriber.Status.SUBSCRIBED:
            return subscriber
        subscriber.status = Subscriber.Status.PENDING
        subscriber.save(update_fields=["status"])
    confirm_url = (
        f"{settings.SHOP_BASE_URL}/newsletter/confirm/"
        f"{tokens.confirmation_token(subscriber.email, subscriber.confirmation_nonce)}/"
    )
    _send(subscriber, "Please confirm your QL Claw newsletter subscription", "confirm", {"confirm_url": confirm_url})
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
    Subscriber.objects.filter(email=email).exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
    return True
