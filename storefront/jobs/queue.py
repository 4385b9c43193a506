"""The shop's job queue: Procrastinate on the storefront's own PostgreSQL.

- `job(...)` declares a task: retried with back-off, every failure's reason kept (`JobError`).
- `defer(task, **kwargs)` queues a job inside the caller's database transaction, in the web
  process and in the worker alike, so a job exists exactly when the row that needs it does
  (a transactional outbox). Procrastinate's worker connector is its own connection pool; its
  Django connector is Django's connection, which is what joins the transaction.
"""
from __future__ import annotations

import functools
import logging
import time
import traceback
from typing import Any, Callable, Optional

from django.conf import settings
from django.db import connections
from procrastinate import JobContext, RetryStrategy, manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector
from procrastinate.types import TimeDeltaParams

from metrics.figures import JOB_SECONDS, JOBS_FINISHED

logger = logging.getLogger(__name__)

# 2, 4, 8 … s between tries; with 14 tries the last comes about 4½ hours after the first.
# Procrastinate's max_attempts counts retries after the first try.
DEFAULT_RETRY = RetryStrategy(max_attempts=settings.JOB_MAX_ATTEMPTS - 1, exponential_wait=2)


# Task name -> what the job does, in the shop admin's words (the failed-jobs page).
TITLES: dict[str, str] = {}


def job(*, title: str, retry: RetryStrategy = DEFAULT_RETRY, **options: Any) -> Callable:
    """A Procrastinate task whose failures are recorded for the staff area."""

    def decorate(func: Callable) -> Any:
        TITLES[f"{func.__module__}.{func.__name__}"] = title

        @functools.wraps(func)
        def run(job_context: JobContext, /, **kwargs: Any) -> Any:
            # Positional-only: a job's own arguments may be called `context` (e-mails are).
            task_name = f"{func.__module__}.{func.__name__}"
            started, outcome = time.perf_counter(), "succeeded"
            try:
                return func(**kwargs)
            except Exception as error:
                outcome = "failed"
                _record_failure(job_context, error)
                raise
            finally:
                JOBS_FINISHED.labels(task_name, outcome).inc()
                JOB_SECONDS.labels(task_name).observe(time.perf_counter() - started)
                # Like the end of a request: this thread's database connection goes back to
                # the pool, so a worker never holds more than the jobs it is running.
                connections.close_all()

        return app.task(name=f"{func.__module__}.{func.__name__}", pass_context=True, retry=retry, **options)(run)

    return decorate


def _record_failure(context: JobContext, error: Exception) -> None:
    from .models import JobError

    job_ = context.job
    summary = "".join(traceback.format_exception_only(type(error), error)).strip()
    logger.warning("Job %s (%s) try %s failed: %s", job_.id, job_.task_name, job_.attempts + 1, summary)
    try:
        JobError.objects.create(job_id=job_.id, task_name=job_.task_name, attempt=job_.attempts + 1, error=summary[:4000])
    except Exception:  # the database may be what failed; the job is retried either way
        logger.exception("Could not record the failure of job %s", job_.id)


@functools.cache
def _django_jobs() -> manager.JobManager:
    return manager.JobManager(connector=DjangoConnector())


def defer(
    task: Any, *, schedule_in: Optional[TimeDeltaParams] = None, queueing_lock: Optional[str] = None, **kwargs: Any
) -> int:
    """Queue `task` in the current database transaction (or at once under autocommit).
    With `queueing_lock`, Procrastinate refuses (AlreadyEnqueued) a second waiting job.

    `task` is the task itself or its name ("checkout.tasks.settle_attempt"): by name, a service
    queues its app's jobs without importing the `tasks` module that imports the service."""
    if isinstance(task, str):
        try:
            task = app.tasks[task]
        except KeyError:
            raise LookupError(f"No job is called {task!r}; is its app's tasks module loaded?") from None
    return procrastinate_tasks.configure_task(
        name=task.name,
        job_manager=_django_jobs(),
        queue=task.queue,
        lock=task.lock,
        queueing_lock=queueing_lock or task.queueing_lock,
        priority=task.priority,
        schedule_in=schedule_in,
    ).defer(**kwargs)
