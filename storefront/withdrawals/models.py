from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

# Art. 13(1) CRD: the trader refunds within 14 days of being informed of the withdrawal. The
# shop keeps the same deadline for buyers in every market.
REFUND_DAYS = 14


class Withdrawal(models.Model):
    """A buyer's statement that they withdraw from an order, as received: one per order.

    The unique token makes recording idempotent: a second click, a retried form or a webhook-like
    replay finds this row and changes nothing (the acknowledgement is queued with the row)."""

    ORDER_PAGE = "order-page"
    FORM = "form"
    STAFF = "staff"
    CHANNELS = [
        (ORDER_PAGE, "Order page button"),
        (FORM, "Withdrawal form (order number and e-mail)"),
        (STAFF, "By e-mail, letter or phone, recorded by staff"),
    ]

    order_token = models.UUIDField(unique=True)
    order_id = models.CharField(max_length=100)
    order_number = models.CharField(max_length=20)
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    market = models.CharField(max_length=5)
    channel = models.CharField(max_length=20, choices=CHANNELS)
    received_at = models.DateTimeField()
    recorded_by = models.EmailField(blank=True)  # the staff member, for a withdrawal received another way

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"Withdrawal from order {self.order_number}"

    @property
    def refund_due_by(self) -> datetime:
        return self.received_at + timedelta(days=REFUND_DAYS)
