from django.db import models


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
