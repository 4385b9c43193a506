"""Log filters for every process (web, job worker): jobs are logged by name, id and outcome only,
and addresses that are keys to a buyer's data keep only their shape (also in Sentry's events).

Procrastinate writes each job's arguments into its log lines (`call_string`, `task_kwargs`, in
the message and in the `job`/`jobs` extras), and some arguments are keys to a buyer's data (an
order token opens the order page). They stay in the job table, where the staff area shows
failures; logs get the job's name and id instead.
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sentry_sdk._types import Event, Hint

ARGUMENT_FIELDS = ("call_string", "task_kwargs")
# Order pages, data links and newsletter links open a buyer's data; a customer's staff page names them.
# (Staff order pages, /staff/orders/<number>/, are no key: kept.)
SECRET_PATHS = re.compile(r"(?<!/staff)/(orders|your-data|data-copy|cart/back|newsletter/confirm|newsletter/unsubscribe|staff/customers)/(?!find/)[^/\s?\"']+")


def redact(text: str) -> str:
    """`/orders/<token>/…` → `/orders/REDACTED/…`, wherever it stands in `text`."""
    return SECRET_PATHS.sub(lambda match: f"/{match.group(1)}/REDACTED", text)


class RedactSecretPaths(logging.Filter):
    """Django logs "Service Unavailable: /orders/<token>/" and keeps the request on the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SECRET_PATHS.search(message):
            record.msg, record.args = redact(message), ()
        if hasattr(record, "request"):
            record.request = None
        return True


def scrub_sentry_event(event: Event, hint: Hint) -> Event:
    """Sentry's `before_send`: no request body, query string or cookies, redacted addresses."""
    # Sentry's Event types the JSON loosely (its request and log entry as `object`s): scrubbed here
    # as the plain dict it is.
    fields = cast(dict[str, Any], event)
    request = fields.get("request") or {}
    for field in ("data", "query_string", "cookies"):
        request.pop(field, None)
    if "url" in request:
        request["url"] = redact(request["url"])
    headers = request.get("headers") or {}
    for header in list(headers):
        if header.lower() in ("cookie", "referer", "authorization"):
            headers.pop(header)
    logentry = fields.get("logentry") or {}
    for field in ("message", "formatted"):
        if isinstance(logentry.get(field), str):
            logentry[field] = redact(logentry[field])
    if logentry.get("params"):
        logentry["params"] = [redact(str(param)) for param in logentry["params"]]
    if isinstance(fields.get("transaction"), str):
        fields["transaction"] = redact(fields["transaction"])
    fields.pop("extra", None)  # log records' extras: a job's description, the request
    return event


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
