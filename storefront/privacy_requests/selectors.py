"""Reads for data requests: everything the shop holds for one e-mail address (Saleor's orders
and the shop's own rows), the requests for staff, and the dashboard tile.

An address matches only itself, compared lower-cased: Saleor's order search also finds
addresses that merely contain it (xada@example.com for ada@example.com), so its answers are
filtered again here, and the shop's own rows are compared with `=` on the lower-cased column."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Optional

from django.db.models.functions import Lower
from django.utils import timezone

from core.addresses import address_fields
from mail.models import SentEmail
from newsletter.models import Subscriber
from reminders.selectors import reminders_of
from reviews.models import Review, ReviewRequest
from saleor_client import paging
from saleor_client.client import saleor_as_storefront_app
from saleor_client.values import Money, parse_datetime
from withdrawals.models import Withdrawal

from .models import DataRequest

ORDERS_PER_PAGE = 100
MOST_PAGES = 10  # 1000 orders of one address; nobody buys more claws


@dataclass(frozen=True)
class BuyerOrderLine:
    product_name: str
    sku: str
    quantity: int
    unit_price: Money


@dataclass(frozen=True)
class BuyerOrder:
    token: str
    number: str
    created: Optional[datetime]
    status: str
    payment_status: str
    email: str
    customer_note: str
    shipping_method: str
    shipping_address: dict[str, str]
    billing_address: dict[str, str]
    lines: tuple[BuyerOrderLine, ...]
    total: Money


def normalised(email: str) -> str:
    return email.strip().lower()


def orders_of(email: str) -> tuple[BuyerOrder, ...]:
    """Every order placed with exactly this address, oldest first (the storefront app reads them)."""
    wanted = normalised(email)
    client = saleor_as_storefront_app()
    found = paging.nodes(
        lambda after: client.buyer_data_orders(search=wanted, first=ORDERS_PER_PAGE, after=after).orders,
        most_pages=MOST_PAGES,
    )
    return tuple(
        BuyerOrder(
            token=str(node.token), number=node.number or "", created=parse_datetime(node.created),
            status=node.status.value, payment_status=node.payment_status.value if node.payment_status else "",
            email=node.user_email or "", customer_note=node.customer_note or "",
            shipping_method=node.shipping_method_name or "",
            shipping_address=address_fields(node.shipping_address), billing_address=address_fields(node.billing_address),
            lines=tuple(
                BuyerOrderLine(product_name=line.product_name, sku=line.product_sku, quantity=line.quantity,
                               unit_price=Money.from_saleor(line.unit_price.gross if line.unit_price else None))
                for line in node.lines if line
            ),
            total=Money.from_saleor(node.total.gross if node.total else None),
        )
        for node in found
        if node is not None and normalised(node.user_email or "") == wanted
    )


def _money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _order_export(order: BuyerOrder) -> dict[str, Any]:
    return {
        "number": order.number, "placed": order.created, "status": order.status, "payment": order.payment_status,
        "email": order.email, "note": order.customer_note, "shipping_method": order.shipping_method,
        "shipping_address": order.shipping_address, "billing_address": order.billing_address,
        "items": [{"product": line.product_name, "sku": line.sku, "quantity": line.quantity,
                   "unit_price": _money(line.unit_price)} for line in order.lines],
        "total": _money(order.total),
    }


def buyer_data(email: str, *, now: Optional[datetime] = None) -> dict[str, Any]:
    """The copy of a buyer's data (GDPR Art. 15 and 20): plain JSON-ready values, by kind."""
    wanted = normalised(email)
    orders = orders_of(wanted)
    tokens = [order.token for order in orders]
    numbers = {order.token: order.number for order in orders}
    addresses: list[dict[str, str]] = []
    for order in orders:
        for address in (order.shipping_address, order.billing_address):
            if address and address not in addresses:
                addresses.append(address)
    subscriber = Subscriber.objects.filter(email=wanted).first()
    return {
        "email": wanted,
        "generated_at": now or timezone.now(),
        "orders": [_order_export(order) for order in orders],
        "addresses": addresses,
        "reviews": [
            {"order": review.order_number, "product": review.product_name, "rating": review.rating,
             "title": review.title, "text": review.text, "shown_name": review.shown_name, "status": review.status,
             "written": review.created, "changed": review.updated, "shop_reply": review.reply}
            for review in Review.objects.filter(order_token__in=tokens).order_by("created")
        ],
        "review_requests": [
            {"order": numbers.get(str(request.order_token), ""), "due": request.due_at, "status": request.status,
             "sent_at": request.sent_at}
            for request in ReviewRequest.objects.filter(order_token__in=tokens).order_by("due_at")
        ],
        "newsletter": None if subscriber is None else {
            "status": subscriber.status, "signed_up": subscriber.created, "confirmed_at": subscriber.confirmed_at,
            "unsubscribed_at": subscriber.unsubscribed_at,
        },
        "emails_sent": [
            {"email": sent.template.rsplit("/", 1)[-1], "sent_at": sent.sent_at}
            for sent in SentEmail.objects.annotate(address=Lower("recipient")).filter(address=wanted).order_by("sent_at")
        ],
        "cart_reminders": [
            {"noted": reminder.created, "due": reminder.due_at, "status": reminder.status, "why_not_sent": reminder.reason,
             "sent_at": reminder.sent_at, "second_sent_at": reminder.second_sent_at}
            for reminder in reminders_of(wanted)
        ],
        "withdrawals": [
            {"order": withdrawal.order_number, "received_at": withdrawal.received_at, "how": withdrawal.get_channel_display(),
             "name": withdrawal.name, "email": withdrawal.email}
            for withdrawal in Withdrawal.objects.annotate(address=Lower("email")).filter(address=wanted)
        ],
        "data_requests": [
            {"kind": request.kind, "received_at": request.received_at, "answered_at": request.answered_at,
             "done": request.done, "kept": request.kept, "kept_until": request.kept_until}
            for request in DataRequest.objects.filter(email=wanted).order_by("received_at")
        ],
    }


@dataclass(frozen=True)
class DataRequestRow:
    id: int
    kind: str
    kind_display: str
    email: str
    order_number: str
    received_at: datetime
    deadline: datetime
    answered_at: Optional[datetime]
    done: tuple[str, ...]
    kept: tuple[str, ...]
    kept_until: Optional[Any]


def _row(request: DataRequest) -> DataRequestRow:
    return DataRequestRow(
        id=request.pk, kind=request.kind, kind_display=request.get_kind_display(), email=request.email,
        order_number=request.order_number, received_at=request.received_at, deadline=request.deadline,
        answered_at=request.answered_at, done=tuple(request.done), kept=tuple(request.kept), kept_until=request.kept_until,
    )


def requests_for_staff(*, limit: int = 200) -> tuple[DataRequestRow, ...]:
    """The newest requests first, with what was done and what is kept until when."""
    return tuple(_row(request) for request in DataRequest.objects.order_by("-received_at")[:limit])


@dataclass(frozen=True)
class DataRequestTile:
    last_30_days: int
    erasures: int
    unanswered: int  # past or near their deadline without an answer: none while the shop answers at once
    newest: Optional[DataRequestRow]


def data_request_tile() -> DataRequestTile:
    since = timezone.now() - timedelta(days=30)
    recent = DataRequest.objects.filter(received_at__gte=since)
    newest = DataRequest.objects.order_by("-received_at").first()
    return DataRequestTile(
        last_30_days=recent.count(), erasures=recent.filter(kind=DataRequest.ERASURE).count(),
        unanswered=DataRequest.objects.filter(answered_at__isnull=True).count(),
        newest=_row(newest) if newest else None,
    )
