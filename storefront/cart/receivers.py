"""Completion changes the cart too: recording a payment attempt's order (in the buyer's request,
a Stripe webhook's job or the settle job) retires the cart page's summary of that cart, so a
session still holding the token finds Saleor no longer knows the checkout."""
from typing import Any, Optional

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .summary import cart_changed


@receiver(post_save, sender="checkout.CheckoutAttempt")
def order_recorded(sender: type, *, instance: Any, update_fields: Optional[frozenset[str]] = None,
                   **kwargs: Any) -> None:
    if instance.order_token is None or (update_fields is not None and "order_token" not in update_fields):
        return
    # After the order's commit, never inside it; a cache that fails leaves the summary to expire.
    token = str(instance.checkout_token)
    transaction.on_commit(lambda: cart_changed(cart_token=token), robust=True)
