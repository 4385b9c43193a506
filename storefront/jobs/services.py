from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob


class JobNotRetryable(Exception):
    """Only a job that gave up can be sent back to the queue."""


def retry_failed_job(job_id: int) -> None:
    """Queue a failed job again, to run now; its tries start counting from where they were."""
    if not ProcrastinateJob.objects.filter(id=job_id, status="failed").exists():
        raise JobNotRetryable("This job is not waiting for a retry (it may already be running again).")
    app.job_manager.retry_job_by_id(job_id, retry_at=timezone.now())
