from django.db import models


class TaxCollected(models.Model):
    """The tax charged on each order, recorded with the order itself (Saleor's total tax and the
    market its tax plugin named): the dashboard sums the month from here, not from Saleor."""

    order_id = models.CharField(max_length=100, unique=True)
    market = models.CharField(max_length=8)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    placed = models.DateTimeField(auto_now_add=True, db_index=True)

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

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} tax reversed on {self.order_id}"
