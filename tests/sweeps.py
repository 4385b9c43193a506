"""Running a periodic sweep now instead of waiting for its turn: the test queues the same job
the worker's scheduler queues every 15 s (same task, same queueing lock), and waits until the
worker has run it and the jobs it queued in turn. The code under test is the worker's own."""
from __future__ import annotations

import json
import time

import psycopg

from deploy.runner.stack import Stack

# Periodic tasks and the queueing lock each one is deferred with (storefront/*/tasks.py).
REMINDER_SWEEP = ("reminders.tasks.queue_due_cart_reminders", "queue-due-cart-reminders")


def run_sweep(shop: Stack, sweep: tuple[str, str] = REMINDER_SWEEP, *, then: str | None = None,
              timeout: float = 30) -> None:
    """Queues `sweep` and waits until it succeeded and, if `then` names a task, until no job of
    that task is waiting or running. A sweep already queued by the scheduler (the queueing lock
    allows one) is waited for instead: it runs the same code at once."""
    task, queueing_lock = sweep
    with psycopg.connect(shop.database_url("storefront"), autocommit=True, connect_timeout=5) as db:
        queued = db.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, queueing_lock) "
            "VALUES ('default', %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
            (task, json.dumps({"timestamp": int(time.time())}), queueing_lock),
        ).fetchone()
        if queued is None:
            queued = db.execute("SELECT max(id) FROM procrastinate_jobs WHERE task_name = %s", (task,)).fetchone()
        deadline = time.monotonic() + timeout
        while True:
            status = db.execute("SELECT status FROM procrastinate_jobs WHERE id = %s", queued).fetchone()[0]
            busy = then is not None and db.execute(
                "SELECT count(*) FROM procrastinate_jobs WHERE task_name = %s AND status IN ('todo', 'doing') "
                "AND (scheduled_at IS NULL OR scheduled_at <= now())", (then,)).fetchone()[0]
            if status == "succeeded" and not busy:
                return
            assert status in ("todo", "doing", "succeeded"), f"the sweep {task} ended {status}"
            assert time.monotonic() < deadline, f"the sweep {task} was still {status} ({busy} {then} busy) after {timeout} s"
            time.sleep(0.2)
