"""Log filters for every process (web, job worker): jobs are logged by name, id and outcome only.

Procrastinate writes each job's arguments into its log lines (`call_string`, `task_kwargs`, in
the message and in the `job`/`jobs` extras), and some arguments are keys to a buyer's data (an
order token opens the order page). They stay in the job table, where the staff area shows
failures; logs get the job's name and id instead.
"""
from __future__ import annotations

import logging

ARGUMENT_FIELDS = ("call_string", "task_kwargs")


def _without_arguments(job: dict) -> dict:
    return {key: value for key, value in job.items() if key not in ARGUMENT_FIELDS}


class HideJobArguments(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        job = getattr(record, "job", None)
        jobs = getattr(record, "jobs", None)
        described = ([job] if isinstance(job, dict) else []) + [j for j in jobs or [] if isinstance(j, dict)]
        if not described:
            return True
        message = record.getMessage()
        for each in described:
            if each.get("call_string"):
                message = message.replace(each["call_string"], f"{each.get('task_name')}[{each.get('id')}]")
        record.msg, record.args = message, ()
        if isinstance(job, dict):
            record.job = _without_arguments(job)
        if jobs:
            record.jobs = [_without_arguments(j) if isinstance(j, dict) else j for j in jobs]
        return True
