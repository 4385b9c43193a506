"""The staff area's background jobs: recording sales by day for the dashboard."""
from __future__ import annotations

from datetime import date, timedelta

from procrastinate.contrib.django import app

from jobs.queue import job

from . import sales, search


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
