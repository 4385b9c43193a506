from django.db import models


class TaxCollected(models.Model):
    """The tax charged on each order, recorded with the order itself (Saleor's total tax and the
    market its tax plugin named): the dashboard sums the month from here, not from Saleor."""

    order_id = models.CharField(max_length=100, unique=True)
    market = models.CharField(max_length=8)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    placed = models.DateTimeField(auto_now_add=True, db_index=True)
    # Priced by Stripe Tax: its calculation, and the Tax Transaction recorded from it once paid
    # (empty until a job has recorded it; then a retried job sends nothing).
    stripe_calculation = models.CharField(max_length=100, blank=True, default="")
    stripe_transaction = models.CharField(max_length=100, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} tax on {self.order_id}"


class TaxReversal(models.Model):
    """Tax given back with a refund. Saleor 2.10 refunds an amount and keeps the order's tax as
    it was, so the tax each refund reversed is kept here for the books (per market and month).
    Written with the refund's own record: a refund Saleor refuses takes it back."""

    order_id = models.CharField(max_length=100, db_index=True)
    market = models.CharField(max_length=8)  # US | EU | UK | ROW, as on the order
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    # The return it belongs to (deleted with it); empty for an amount-only refund or a cancel.
    order_return = models.ForeignKey("staff.OrderReturn", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="tax_reversals")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the refund paid back, tax included: Stripe Tax reverses that share of the transaction.
    refunded = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    # The Stripe Tax reversal recorded for this refund (empty until recorded, or when none is due).
    stripe_transaction = models.CharField(max_length=100, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} tax reversed on {self.order_id}"
