"""Stripe Tax's transactions, recorded by jobs queued with the tax records (markets.services)."""
from __future__ import annotations

from jobs.queue import job

from . import stripe_tax


@job(title="Record an order's tax with Stripe Tax")
def record_stripe_tax_transaction(*, order_id: str, reference: str) -> None:
    stripe_tax.record_transaction(order_id=order_id, reference=reference)


@job(title="Reverse a refund's tax with Stripe Tax")
def reverse_stripe_tax_transaction(*, reversal_id: int) -> None:
    stripe_tax.record_reversal(reversal_id=reversal_id)
