"""What the staff area shows of the job queue: the jobs that gave up, and why."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from procrastinate.contrib.django.models import ProcrastinateJob

from .models import JobError
from .queue import TITLES


@dataclass(frozen=True)
class FailedJob:
    id: int
    title: str
    task_name: str
    arguments: dict[str, Any]
    tries: int  # failed tries recorded (each with its error)
    last_error: str
    failed_at: Optional[datetime]


def failed_job_count() -> int:
    return ProcrastinateJob.objects.filter(status="failed").count()


def failed_jobs(limit: int = 100) -> list[FailedJob]:
    jobs = list(ProcrastinateJob.objects.filter(status="failed").order_by("-id")[:limit])
    latest: dict[int, JobError] = {}
    tries: dict[int, int] = {}
    for error in JobError.objects.filter(job_id__in=[job.id for job in jobs]).order_by("at"):
        latest[error.job_id] = error
        tries[error.job_id] = tries.get(error.job_id, 0) + 1
    return [
        FailedJob(
            id=job.id,
            title=TITLES.get(job.task_name, job.task_name),
            task_name=job.task_name,
            arguments=dict(job.args or {}),
            tries=tries.get(job.id, 0),
            last_error=latest[job.id].error if job.id in latest else "(no error recorded)",
            failed_at=latest[job.id].at if job.id in latest else None,
        )
        for job in jobs
    ]
