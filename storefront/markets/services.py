"""Writes about tax: the tax a refund reverses, kept for the books."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .models import TaxCollected, TaxReversal
from .selectors import OrderTax


def record_tax_reversal(*, order_id: str, market: str, amount: Decimal, currency: str,
                        order_return_id: Optional[int] = None) -> Optional[TaxReversal]:
    """Nothing is written for a refund that reverses no tax."""
    if amount <= 0:
        return None
    return TaxReversal.objects.create(order_id=order_id, market=market, amount=amount, currency=currency,
                                      order_return_id=order_return_id)


def record_tax_collected(*, order_id: str, tax: OrderTax) -> None:
    """Once per order, in the same commit as the order's own record."""
    TaxCollected.objects.get_or_create(order_id=order_id, defaults={
        "market": tax.market.code if tax.market else "", "amount": tax.amount.amount, "currency": tax.amount.currency,
    })
