"""The staff area's background jobs: sales by day for the dashboard, the order search index,
sign-in alerts and the clean-up of old sign-in counts."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.conf import settings
from procrastinate.contrib.django import app

from jobs.queue import job
from mail.services import make_message_id, send_templated_email

from .access import throttle
from .dashboard import sales
from .orders import search


@job(title="Record the shop's sales by day")
def record_sales_job(*, start: str, end: str) -> str:
    totals = sales.record_sales(date.fromisoformat(start), date.fromisoformat(end))
    return f"recorded {len(totals)} days"


@app.periodic(cron="41 * * * *")
@job(title="Record the last 30 days of sales again", queueing_lock="record-sales-hourly")
def record_recent_sales(*, timestamp: int) -> str:
    """Every hour: refunds made outside the staff area (at Stripe) reach older days this way."""
    today = sales.shop_today()
    totals = sales.record_sales(today - timedelta(days=sales.DAYS_SHOWN - 1), today)
    return f"recorded {len(totals)} days"


@job(title="Index an order for the staff's search")
def index_order_job(*, order_id: str) -> str:
    search.reindex(order_id)
    return f"indexed {order_id}"


@job(title="Tell the shop of a burst of failed staff sign-ins")
def alert_sign_in_burst(*, account: str, attempts: int, minutes: int, since: str) -> None:
    """Once per burst (the Message-ID holds the burst's start): to the shop's own address, never
    to the typed one, so a stranger cannot use the form to send mail to anybody."""
    send_templated_email(
        template="staff/email/sign_in_burst", to=settings.SHOP_ORDERS_EMAIL,
        context={"account": account, "attempts": attempts, "minutes": minutes},
        message_id=make_message_id("sign-in-burst", hashlib.sha256(f"{account}|{since}".encode()).hexdigest()[:32]),
    )


@app.periodic(cron="17 3 * * *")
@job(title="Forget staff sign-in counts nobody touched for a day", queueing_lock="forget-sign-in-counts")
def forget_old_sign_in_attempts(*, timestamp: int) -> str:
    return f"forgot {throttle.forget_old_attempts()} sign-in counts"
