"""Writes about tax: the tax a refund reverses, kept for the books."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .models import TaxReversal


def record_tax_reversal(*, order_id: str, market: str, amount: Decimal, currency: str,
                        order_return_id: Optional[int] = None) -> Optional[TaxReversal]:
    """Nothing is written for a refund that reverses no tax."""
    if amount <= 0:
        return None
    return TaxReversal.objects.create(order_id=order_id, market=market, amount=amount, currency=currency,
                                      order_return_id=order_return_id)
