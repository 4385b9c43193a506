from __future__ import annotations

from typing import Any

from django.db import models


class ForbiddenMove(Exception):
    """A status change the attempt's life does not allow: a bug in the shop, never the buyer's doing."""


class CheckoutAttempt(models.Model):
    """The storefront's record of paying for one Saleor checkout.

    Saleor 2.10.1's checkoutComplete is not safe to run twice at once (no lock, no unique
    order per checkout), so every completion runs under a lock and consults this row first:
    once it holds an order token, the checkout is done and nothing charges again. See
    `checkout.completion` for the states and who moves an attempt between them.
    """

    class Status(models.TextChoices):
        STARTED = "started"  # Saleor payment created; completion under way or interrupted
        NEEDS_AUTHENTICATION = "needs_authentication"  # 3-D Secure awaited
        UNKNOWN = "unknown"  # Saleor did not answer completion in time: settled later
        DECLINED = "declined"
        SOLD_OUT = "sold_out"
        FAILED = "failed"  # finished without an order; any card hold released
        COMPLETED = "completed"

    checkout_token = models.UUIDField(unique=True)
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.STARTED)
    saleor_payment_id = models.CharField(max_length=100, blank=True)
    # Saleor payments of earlier tries (a declined card, then another): their holds, if any,
    # are released once the checkout has ended.
    earlier_payment_ids = models.JSONField(default=list, blank=True)
    payment_intent_id = models.CharField(max_length=100, blank=True, db_index=True)
    order_id = models.CharField(max_length=100, blank=True)
    order_token = models.UUIDField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # The page that brought the buyer (the visit's first page, and the other site that linked
    # to it), from the cart session; empty when the browser did not say (no JavaScript, GPC).
    landing_page = models.CharField(max_length=200, blank=True)
    landing_referrer = models.CharField(max_length=100, blank=True)
    # Saleor's order total, recorded with the order: what the staff report attributes.
    order_total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    order_currency = models.CharField(max_length=3, blank=True)
    completed = models.DateTimeField(null=True, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.checkout_token} ({self.status})"

    def move_to(self, status: str, **fields: Any) -> None:
        """The one way an attempt changes status: checked against ALLOWED_MOVES, then saved with
        `fields` (and nothing else, so a concurrent write to other columns is kept)."""
        if status not in ALLOWED_MOVES[self.Status(self.status)]:
            raise ForbiddenMove(f"Checkout attempt {self.checkout_token}: {self.status} -> {status} is not allowed")
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields, "updated"])


_Status = CheckoutAttempt.Status
# Where each status may go. A recorded order is final. An unknown outcome is decided only by
# the order Saleor shows, or by the settle job once Saleor has surely finished (back to started,
# or failed when the payment or checkout is gone) — never by a second completion meanwhile.
# An attempt that ended without an order is open again: another card, a late 3-D Secure, or
# the order Saleor made after all.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    _Status.STARTED: frozenset(_Status),
    _Status.NEEDS_AUTHENTICATION: frozenset(_Status),
    _Status.UNKNOWN: frozenset({_Status.STARTED, _Status.FAILED, _Status.COMPLETED}),
    _Status.DECLINED: frozenset(_Status),
    _Status.SOLD_OUT: frozenset(_Status),
    _Status.FAILED: frozenset(_Status),
    _Status.COMPLETED: frozenset(),
}


class StripeEvent(models.Model):
    """Every Stripe webhook event processed, so a replayed event is recognised and ignored."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    payment_intent_id = models.CharField(max_length=100, blank=True)
    outcome = models.TextField(blank=True)
    received = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class ReleasedHold(models.Model):
    """A card hold the shop cancelled at Stripe because no order is paid with it (its answer
    was lost, or the checkout ended with an order on another payment). Shown to staff."""

    intent_id = models.CharField(max_length=100, unique=True)
    checkout_token = models.UUIDField(db_index=True)
    saleor_payment_id = models.CharField(max_length=100)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    was = models.CharField(max_length=40)  # the intent's status before it was cancelled
    released = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.intent_id} ({self.amount})"
