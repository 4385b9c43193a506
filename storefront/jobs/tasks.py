"""Housekeeping of the queue itself, run by every worker's periodic scheduler (Procrastinate
makes sure one defer happens per tick, however many workers there are)."""
from __future__ import annotations

import logging

from django.conf import settings
from procrastinate import JobContext
from procrastinate.contrib.django import app

logger = logging.getLogger(__name__)


# Croniter puts seconds in the sixth field: every 15 seconds.
@app.periodic(cron="* * * * * */15")
@app.task(name="jobs.tasks.retry_stalled_jobs", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> None:
    """A job whose worker died (killed, machine lost) stays `doing` forever: hand it back to
    the queue once its worker has missed its heartbeats."""
    stalled = await context.app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.JOB_STALLED_AFTER_SECONDS
    )
    for job in stalled:
        logger.warning("Job %s (%s) was left running by a dead worker: queued again", job.id, job.task_name)
        await context.app.job_manager.retry_job(job)


@app.periodic(cron="17 4 * * *")
@app.task(name="jobs.tasks.forget_finished_jobs", queueing_lock="forget_finished_jobs", pass_context=True)
async def forget_finished_jobs(context: JobContext, timestamp: int) -> None:
    """Succeeded jobs are kept 30 days for looking into; failed ones until the admin retries."""
    await context.app.job_manager.delete_old_jobs(nb_hours=30 * 24)
