"""Counts older than KEPT_DAYS are deleted every night, as the privacy page says."""
from __future__ import annotations

from procrastinate.contrib.django import app

from jobs.queue import job

from . import services


@app.periodic(cron="23 3 * * *")
@job(title="Forget page counts older than the privacy page says", queueing_lock="forget-old-counts")
def forget_old_counts(*, timestamp: int) -> str:
    return f"forgot {services.forget_old_counts()} counts"
