"""A buyer's data requests, asked from their order page (its token proves the order is theirs;
the answer goes only to the address the order was placed with).

Each request is recorded with its e-mail queued in the same transaction, so a request exists
exactly when its answer is on its way, and a mail fault delays the answer but never loses it."""
from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.company import company
from core.links import absolute_url
from mail.services import make_message_id
from mail.tasks import queue_email
from newsletter.services import forget as forget_subscriber
from orders.selectors import Order
from reminders.services import forget_waiting_reminders
from reviews.services import ERASED_NAME, forget_buyer

from .models import DataRequest
from .selectors import normalised, orders_of
from .tokens import export_key

logger = logging.getLogger(__name__)


def _seller() -> dict[str, str]:
    seller = company()
    return {"legal_name": seller.legal_name, "email": seller.email, "one_line_address": seller.one_line_address}


def _queue_answer(request: DataRequest, template: str, context: dict[str, Any]) -> None:
    queue_email(
        template=f"privacy_requests/email/{template}", to=request.email,
        context={**context, "company": _seller(), "order_number": request.order_number,
                 "received": request.received_at.strftime("%-d %B %Y"), "done": request.done, "kept": request.kept},
        message_id=make_message_id("data-request", str(request.pk), template),
    )


def request_copy(*, order: Order) -> DataRequest:
    """E-mail the order's address a link to a copy of everything the shop holds for it."""
    now = timezone.now()
    link_days = settings.DATA_EXPORT_LINK_DAYS
    with transaction.atomic():
        request = DataRequest.objects.create(
            kind=DataRequest.EXPORT, email=normalised(order.email), order_number=order.number, received_at=now,
            deadline=DataRequest.deadline_for(now), answered_at=now,
            done=[f"A link to a copy of your data was e-mailed to you; it works for {link_days} days."],
        )
        _queue_answer(request, "copy", {
            "download_url": absolute_url("privacy_requests:download", key=export_key(request.pk)),
            "link_days": link_days, "expires": (now + timedelta(days=link_days)).strftime("%-d %B %Y"),
        })
    logger.info("Data copy requested from order %s", order.number)
    return request


def kept_until(order_years: list[int]) -> date:
    """The end of the retention period the privacy page states: ORDER_RETENTION_YEARS after the
    end of the year of the newest order."""
    return date(max(order_years) + settings.ORDER_RETENTION_YEARS, 12, 31)


def erase(*, order: Order) -> DataRequest:
    """Erase now what the shop may erase for the order's address, record what is kept until when,
    and e-mail the buyer both. Saleor is read first (all orders of the address), outside the
    transaction; a Saleor fault leaves nothing half done."""
    email = normalised(order.email)
    orders = orders_of(email)
    tokens = sorted({str(order.token), *(placed.token for placed in orders)})
    years = [placed.created.year for placed in orders if placed.created] or [order.created.year]
    until = kept_until(years)
    now = timezone.now()
    with transaction.atomic():
        subscribed = forget_subscriber(email)
        renamed, stopped = forget_buyer(order_tokens=tokens)
        stopped += forget_waiting_reminders(email=email)
        done = [
            "Your newsletter record was deleted." if subscribed else "You had no newsletter record.",
            f"{renamed} review{'' if renamed == 1 else 's'} of yours now show{'s' if renamed == 1 else ''} \"{ERASED_NAME}\" instead of your name."
            if renamed else "You had written no review under your name.",
            f"{stopped} e-mail{'' if stopped == 1 else 's'} asking for a review or reminding you of a cart will not be sent."
            if stopped else "No e-mail asking for a review or reminding you of a cart was waiting to be sent.",
            "Your session in the browser you asked from was ended; the shop keeps sessions only in your browser's cookie.",
        ]
        kept = [
            f"Your {len(orders) or 1} order{'' if (len(orders) or 1) == 1 else 's'} (name, addresses, e-mail, items, payments, "
            f"refunds and withdrawals), which tax and accounting law requires us to keep until {until:%-d %B %Y}; "
            "they are deleted then.",
            "The record of which e-mails we sent you, kept as long as the orders they belong to.",
            "This request and our answer, as our record that we met it.",
        ]
        request = DataRequest.objects.create(
            kind=DataRequest.ERASURE, email=email, order_number=order.number, received_at=now,
            deadline=DataRequest.deadline_for(now), answered_at=now, done=done, kept=kept, kept_until=until,
        )
        _queue_answer(request, "erasure", {"kept_until": f"{until:%-d %B %Y}"})
    logger.info("Erasure requested from order %s: %s reviews renamed, %s review requests stopped",
                order.number, renamed, stopped)
    return request
