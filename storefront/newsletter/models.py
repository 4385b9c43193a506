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


class Issue(models.Model):
    """One newsletter issue, written by staff in Markdown; once sent, archived at /newsletter/<slug>/."""

    class Status(models.TextChoices):
        DRAFT = "draft"
        SENT = "sent"  # handed to the send jobs; the archive shows it

    slug = models.SlugField(max_length=80, unique=True)
    subject = models.CharField(max_length=150)
    body = models.TextField(help_text="Markdown")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.EmailField(blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.subject
