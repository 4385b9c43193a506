from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

TITLE_MAX = 100
TEXT_MAX = 2000
REPLY_MAX = 2000


class ReviewRequest(models.Model):
    """The one e-mail per order that asks for a review, some days after it shipped."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled"
        SENT = "sent"
        SKIPPED = "skipped"  # unsubscribed, cancelled, or the order has no e-mail

    order_token = models.UUIDField(unique=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"review request for {self.order_token} ({self.status})"


class Review(models.Model):
    """One review per order, by its buyer; shown only once staff approved it."""

    class Status(models.TextChoices):
        NEW = "new"  # waiting for staff (also after the buyer edits it)
        APPROVED = "approved"
        HIDDEN = "hidden"

    order_token = models.UUIDField(unique=True)
    order_number = models.CharField(max_length=20)
    product_slug = models.SlugField(max_length=100, db_index=True)
    product_name = models.CharField(max_length=200)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    title = models.CharField(max_length=TITLE_MAX)
    text = models.TextField(max_length=TEXT_MAX)
    shown_name = models.CharField(max_length=60)  # "Anna K.": first name and the last name's initial
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW, db_index=True)
    reply = models.TextField(max_length=REPLY_MAX, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.EmailField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]
        indexes = [models.Index(fields=["product_slug", "status", "-created"], name="review_shown_newest")]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.title} ({self.status})"
