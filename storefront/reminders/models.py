from django.db import models


class CartReminder(models.Model):
    """The one reminder a checkout may get when its buyer gave an e-mail address and did not pay.

    The unique checkout token is the at-most-once guard: a second details step, a second sweep or
    a second worker finds this row instead of making another."""

    class Status(models.TextChoices):
        WAITING = "waiting"  # due at `due_at` unless the buyer pays first
        QUEUED = "queued"  # the sweep handed it to the sending job
        SENT = "sent"
        SKIPPED = "skipped"  # paid, emptied, unsubscribed, not wanted: `reason` says which
        SECOND_QUEUED = "queued2"  # sent once; the second reminder is handed to the sending job

    NOT_WANTED = "the buyer asked for no reminder"  # the checkout's box, ticked

    checkout_token = models.UUIDField(unique=True)
    email = models.EmailField()
    due_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.WAITING)
    reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The optional second reminder (CART_REMINDER_SECOND_HOURS after the first; none when 0):
    # due while `second_due_at` is set and `second_sent_at` is not; `second_reason` says why none went.
    second_due_at = models.DateTimeField(null=True, blank=True)
    second_sent_at = models.DateTimeField(null=True, blank=True)
    second_reason = models.CharField(max_length=200, blank=True)
    # The link never opens the reminded checkout itself (its e-mail and address are the first
    # buyer's): it copies the lines into a new checkout, this one (the latest copy).
    restored_checkout_token = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "due_at"], name="cart_reminder_due"),
            models.Index(fields=["status", "second_due_at"], name="cart_reminder_second_due"),
        ]

    def __str__(self) -> str:
        return f"reminder for checkout {self.checkout_token} ({self.status})"
