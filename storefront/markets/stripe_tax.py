"""Stripe Tax's record of what was sold and given back. Stripe files tax returns from Tax
Transactions, not from the calculations that priced checkouts (which expire), so once an order
priced by Stripe Tax is paid a transaction is made from its calculation, and each refund that
gives tax back makes a reversal of it. Each call runs in a retrying job (markets.tasks); the id
Stripe returns is stored, so a retried job never sends twice, and an Idempotency-Key makes a
retry whose answer was lost get the same object back."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from stripe.params.tax import TransactionCreateReversalParams

from core.locks import order_lock

from .models import TaxCollected, TaxReversal

# The version Saleor's gateway and tax backend pin: one shape of Stripe objects for the shop.
API_VERSION = "2024-06-20"


class TransactionNotRecorded(Exception):
    """A refund's reversal waits for the order's transaction: the job tries again later."""


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_TAX_KEY:
        raise ImproperlyConfigured("STRIPE_TAX_KEY is not set: Stripe Tax transactions cannot be recorded.")
    return stripe.StripeClient(
        settings.STRIPE_TAX_KEY,
        stripe_version=API_VERSION,
        base_addresses={"api": settings.STRIPE_TAX_API_BASE},
        max_network_retries=0,  # the job retries, with back-off and a record of each failure
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TAX_TIMEOUT),
    )


def minor_units(amount: Decimal) -> int:
    """The shop sells in a two-decimal currency (USD): cents."""
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def transaction_reference(order_token: str) -> str:
    return f"order-{order_token}"


def record_transaction(*, order_id: str, reference: str) -> str:
    """The order's Tax Transaction, made once from its calculation; returns its id ("" when
    Stripe Tax did not price the order)."""
    collected = TaxCollected.objects.get(order_id=order_id)
    if collected.stripe_transaction or not collected.stripe_calculation:
        return collected.stripe_transaction
    made = _client().v1.tax.transactions.create_from_calculation(
        params={"calculation": collected.stripe_calculation, "reference": reference},
        options={"idempotency_key": f"qlclaw-tax-{reference}"},
    )
    TaxCollected.objects.filter(pk=collected.pk).update(stripe_transaction=made.id)
    return made.id


def record_reversal(*, reversal_id: int) -> str:
    """The reversal of the order's transaction for one refund: the whole of it when the refund
    gives back all of the order's tax at once, else the refund's share (`flat_amount`, the amount
    refunded with tax, which Stripe spreads over the lines and shipping as the shop did).
    Returns its id; "" when nothing is due."""
    order_id = TaxReversal.objects.filter(pk=reversal_id).values_list("order_id", flat=True).first()
    if order_id is None:
        return ""
    # A return's record is written before Saleor is asked to refund, under this lock: once
    # it is ours, the refund went through (the record is kept) or was refused (taken back).
    with order_lock(order_id):
        return _reverse(reversal_id)


def _reverse(reversal_id: int) -> str:
    reversal = TaxReversal.objects.filter(pk=reversal_id).first()
    if reversal is None:  # Saleor refused the refund and its record was taken back
        return ""
    if reversal.stripe_transaction:
        return reversal.stripe_transaction
    collected = TaxCollected.objects.filter(order_id=reversal.order_id).first()
    if collected is None or not collected.stripe_calculation:
        return ""
    if not collected.stripe_transaction:
        raise TransactionNotRecorded(f"The Stripe Tax transaction of {reversal.order_id} is not recorded yet.")
    reference = f"{collected.stripe_transaction}-refund-{reversal.pk}"  # unique per refund
    earlier = TaxReversal.objects.filter(order_id=reversal.order_id, pk__lt=reversal.pk).exists()
    whole = not earlier and reversal.amount >= collected.amount
    params = TransactionCreateReversalParams(
        original_transaction=collected.stripe_transaction, reference=reference, mode="full" if whole else "partial",
    )
    if not whole:
        if reversal.refunded is None:
            raise ValueError(f"Tax reversal {reversal.pk} does not say what was refunded.")
        params["flat_amount"] = -minor_units(reversal.refunded)
    made = _client().v1.tax.transactions.create_reversal(
        params=params, options={"idempotency_key": f"qlclaw-tax-{reference}"},
    )
    TaxReversal.objects.filter(pk=reversal.pk).update(stripe_transaction=made.id)
    return made.id
