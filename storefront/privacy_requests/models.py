from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

# Art. 12(3) GDPR: a data subject's request is answered within one month of receipt.
ANSWER_DAYS = 30


class DataRequest(models.Model):
    """A buyer's request for a copy of their data or for its erasure, as received and as answered.

    Kept as the shop's record that the request was met (GDPR Art. 5(2), accountability): the
    address it was for, what was done at once, and what is kept until when."""

    EXPORT = "export"
    ERASURE = "erasure"
    KINDS = [(EXPORT, "Copy of their data"), (ERASURE, "Erasure")]

    kind = models.CharField(max_length=10, choices=KINDS)
    email = models.EmailField(db_index=True)  # lower case
    order_number = models.CharField(max_length=20)  # the order page it was asked from
    received_at = models.DateTimeField()
    deadline = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    done = models.JSONField(default=list)  # what was erased or sent, one sentence each
    kept = models.JSONField(default=list)  # what is kept and why, one sentence each
    kept_until = models.DateField(null=True, blank=True)  # when the kept orders' period ends

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.email}"

    @staticmethod
    def deadline_for(received_at: datetime) -> datetime:
        return received_at + timedelta(days=ANSWER_DAYS)
