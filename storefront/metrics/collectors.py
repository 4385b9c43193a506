"""Figures read from the storefront database at scrape time: the job queue and the payments
that are still without an order. One process serves them (the worker pod's `serve_metrics
--shop-figures`), so a dashboard sums nothing twice."""
from __future__ import annotations

import logging
from typing import Iterator

from django.db import DatabaseError, connection, connections
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from checkout.models import CheckoutAttempt

logger = logging.getLogger(__name__)

# A job is due when it was deferred without a date or its date (a retry's too) has come.
QUEUE_SQL = """
SELECT job.task_name, job.status::text, count(*),
       coalesce(extract(epoch FROM now() - min(coalesce(job.scheduled_at, deferred.at))
                FILTER (WHERE job.status = 'todo' AND (job.scheduled_at IS NULL OR job.scheduled_at <= now()))), 0)
  FROM procrastinate_jobs job
  LEFT JOIN LATERAL (SELECT min(event.at) AS at FROM procrastinate_events event
                      WHERE event.job_id = job.id AND event.type = 'deferred') deferred ON true
 WHERE job.status IN ('todo', 'doing', 'failed')
 GROUP BY job.task_name, job.status
"""

# Attempts that may hold a buyer's money without an order yet (the settle job decides them).
OPEN_STATUSES = [CheckoutAttempt.Status.STARTED, CheckoutAttempt.Status.NEEDS_AUTHENTICATION, CheckoutAttempt.Status.UNKNOWN]
HOLDS_SQL = """
SELECT status, count(*), coalesce(extract(epoch FROM now() - min(created)), 0)
  FROM {table}
 WHERE status = ANY(%s) AND order_token IS NULL
 GROUP BY status
""".format(table=CheckoutAttempt._meta.db_table)


class ShopCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        queued = GaugeMetricFamily("storefront_jobs_queued", "Jobs waiting to run (due or scheduled), by task", labels=["task"])
        oldest = GaugeMetricFamily("storefront_jobs_oldest_queued_age_seconds",
                                   "How long the oldest due job has waited, by task", labels=["task"])
        running = GaugeMetricFamily("storefront_jobs_running", "Jobs a worker is running now, by task", labels=["task"])
        failed = GaugeMetricFamily("storefront_jobs_failed", "Jobs that gave up (shown on /staff/jobs/failed/), by task",
                                   labels=["task"])
        holds = GaugeMetricFamily("storefront_payments_without_order",
                                  "Checkout attempts with a payment and no order yet, by status", labels=["status"])
        holds_age = GaugeMetricFamily("storefront_payments_without_order_oldest_age_seconds",
                                      "Age of the oldest attempt without an order, by status", labels=["status"])
        completed = GaugeMetricFamily("storefront_orders_completed", "Checkout attempts that became an order")
        # While the database is away the processes' own figures (the 503s) matter most: they are
        # still served, and this one says the database figures are missing.
        read = GaugeMetricFamily("storefront_shop_figures_up", "1 when the database figures below were read")
        try:
            with connection.cursor() as cursor:
                cursor.execute(QUEUE_SQL)
                for task, status, count, age in cursor.fetchall():
                    if status == "todo":
                        queued.add_metric([task], count)
                        oldest.add_metric([task], float(age))
                    elif status == "doing":
                        running.add_metric([task], count)
                    else:
                        failed.add_metric([task], count)
                cursor.execute(HOLDS_SQL, [[str(status) for status in OPEN_STATUSES]])
                for status, count, age in cursor.fetchall():
                    holds.add_metric([status], count)
                    holds_age.add_metric([status], float(age))
                completed.add_metric([], CheckoutAttempt.objects.filter(status=CheckoutAttempt.Status.COMPLETED).count())
        except DatabaseError:
            logger.exception("Metrics: the storefront database could not be read")
            read.add_metric([], 0)
            yield read
            return
        finally:
            # Like the end of a request: the pooled connection goes back.
            connections.close_all()
        read.add_metric([], 1)
        yield from (read, queued, oldest, running, failed, holds, holds_age, completed)
