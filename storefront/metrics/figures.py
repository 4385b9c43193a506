"""The shop's own figures for Prometheus, counted where they happen (the Saleor client, the 503
middlewares, the job wrapper) and served by `manage.py serve_metrics` on a private port.

Granian runs several processes, so with PROMETHEUS_MULTIPROC_DIR set (the containers set it)
each process writes its figures to files there and `serve_metrics` adds them up; without it
(a shell, a test) they simply stay in the process. Labels are bounded: operation names come from
the generated client, task names from the registered tasks.
"""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

SALEOR_CALL_SECONDS = Histogram(
    "storefront_saleor_call_seconds",
    "Saleor calls by GraphQL operation and outcome (ok, busy, not_reached, unavailable), waiting for a slot included",
    ["operation", "outcome"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
SALEOR_CALLS_IN_FLIGHT = Gauge(
    "storefront_saleor_calls_in_flight", "Saleor calls holding a bulkhead slot now", multiprocess_mode="livesum",
)
SALEOR_BULKHEAD_SLOTS = Gauge(
    "storefront_saleor_bulkhead_slots", "Saleor calls the processes may have in flight (SALEOR_CONCURRENCY each)",
    multiprocess_mode="livesum",
)
RESPONSES = Counter("storefront_responses_total", "Answers by status class (2xx, 3xx, 4xx, 5xx)", ["code"])
SHED_RESPONSES = Counter(
    "storefront_shed_responses_total",
    "Requests answered with the friendly 503 page, by reason (saleor_unavailable, saleor_error, database_unavailable, lock_wait_passed_deadline, …)",
    ["reason"],
)
JOBS_FINISHED = Counter(
    "storefront_jobs_finished_total", "Jobs run by this worker, by task and outcome (succeeded, failed)", ["task", "outcome"],
)
JOB_SECONDS = Histogram(
    "storefront_job_seconds", "How long a job ran, by task", ["task"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0),
)
