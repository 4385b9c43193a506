import secrets

from django.db import models


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Subscriber(models.Model):
    """One row per e-mail address (stored lower-cased), whatever happens to it."""

    class Status(models.TextChoices):
        PENDING = "pending"
        SUBSCRIBED = "subscribed"
        UNSUBSCRIBED = "unsubscribed"

    email = models.EmailField(unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # Part of the signed confirmation link; replaced once used, so a link works only once.
    confirmation_nonce = models.CharField(max_length=32, default=new_nonce)
    created = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"
