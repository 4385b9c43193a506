"""Writes about tax: the tax collected and the tax a refund reverses, kept for the books. When
Stripe Tax priced the order, the job that tells Stripe is queued in the same commit."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from django.db import transaction

from jobs.queue import defer

from .models import TaxCollected, TaxReversal
from .selectors import OrderTax
from .stripe_tax import transaction_reference

STRIPE_TAX = "stripe_tax"


def record_tax_reversal(*, order_id: str, market: str, amount: Decimal, currency: str, refunded: Decimal,
                        order_return_id: Optional[int] = None) -> Optional[TaxReversal]:
    """Nothing is written for a refund that reverses no tax. `refunded` is what the refund paid
    back, tax included. Call inside the transaction that records the refund."""
    if amount <= 0:
        return None
    with transaction.atomic():  # the row and its job together
        reversal = TaxReversal.objects.create(order_id=order_id, market=market, amount=amount, currency=currency,
                                              refunded=refunded, order_return_id=order_return_id)
        if TaxCollected.objects.filter(order_id=order_id).exclude(stripe_calculation="").exists():
            defer("markets.tasks.reverse_stripe_tax_transaction", reversal_id=reversal.pk)
    return reversal


def record_tax_collected(*, order_id: str, order_token: str, tax: OrderTax) -> None:
    """Once per order, in the same commit as the order's own record."""
    calculation = tax.calculation if tax.backend == STRIPE_TAX else ""
    row = {"market": tax.market.code if tax.market else "", "amount": tax.amount.amount, "currency": tax.amount.currency,
           "stripe_calculation": calculation}
    if not calculation:
        # One INSERT … ON CONFLICT DO NOTHING inside the buyer's Pay request (get_or_create takes four).
        TaxCollected.objects.bulk_create([TaxCollected(order_id=order_id, **row)], ignore_conflicts=True)
        return
    _, created = TaxCollected.objects.get_or_create(order_id=order_id, defaults=row)
    if created:
        defer("markets.tasks.record_stripe_tax_transaction", order_id=order_id,
              reference=transaction_reference(order_token))
