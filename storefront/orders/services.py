from __future__ import annotations

import logging
import uuid
from typing import Any, Optional

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from jobs.queue import defer
from saleor_client import global_ids
from saleor_client.client import saleor_as_storefront_app
from saleor_client.errors import SaleorGraphQLError
from saleor_client.generated.fragments import BuyerOrder

from .selectors import placed_order_key
from .tasks import ORDER_EMAILS, alert_shop_of_order, send_order_email

logger = logging.getLogger(__name__)


def queue_order_email(*, order_token: str, kind: str, key: str = "", details: Optional[dict[str, Any]] = None) -> None:
    """Queue a mail to the buyer in the caller's transaction. `key` tells apart two mails of one
    kind (two shipments, two refunds); the same key is the same mail and is sent once."""
    if kind not in ORDER_EMAILS:
        raise ValueError(f"Unknown order e-mail {kind!r}; choose one of {sorted(ORDER_EMAILS)}")
    defer(send_order_email, order_token=str(order_token), kind=kind, key=key, details=details or {})
    if kind == "confirmation" and settings.NEW_ORDER_ALERTS == "each":
        # Every paid order is confirmed exactly once, in the transaction that records it: the
        # shop hears of it then too (with NEW_ORDER_ALERTS=daily, in the morning digest instead).
        defer(alert_shop_of_order, order_token=str(order_token))


def order_token_for(*, number: str, email: str) -> Optional[str]:
    """The token of order `number` if it was placed with `email` (lower-cased), else None.

    Callers answer the same either way, so nobody learns which orders exist."""
    # Saleor 2.10's order IDs are relay global IDs of the order number.
    order_id = global_ids.encode("Order", number)
    try:
        order = saleor_as_storefront_app().order_for_lookup(id=order_id).order
    except SaleorGraphQLError as error:  # a number Saleor cannot read as an order
        logger.info("Order lookup for %s found nothing: %s", number, error)
        return None
    if order is None or (order.user_email or "").strip().lower() != email:
        return None
    return str(order.token)


def send_order_link(*, number: str, email: str) -> None:
    """E-mail the order page's link to `email` if order `number` was placed with that address.

    Otherwise nothing happens, and the caller cannot tell: the page answers the same either way,
    and the link only ever goes to the address the order was placed with."""
    token = order_token_for(number=number, email=email)
    if token is None:
        return
    with transaction.atomic():
        # One mail per request (a fresh key), so asking again sends again; rate limits bound it.
        queue_order_email(order_token=token, kind="lookup", key=uuid.uuid4().hex)


# Long enough for the buyer's browser to follow the redirect to the order page, no longer: after
# that the page asks Saleor, which by then knows of the capture.
PLACED_ORDER_SECONDS = 60


def keep_placed_order(*, order: BuyerOrder) -> None:
    """Keep checkoutComplete's answer for the order page the buyer is sent to next."""
    cache.set(placed_order_key(str(order.token)), order.model_dump_json(by_alias=True), PLACED_ORDER_SECONDS)
