"""Newsletter sending jobs: the fan-out, the batches, and the staff member's test mail."""
from __future__ import annotations

from jobs.queue import job

from . import sending
from .models import Issue


@job(title="Send a newsletter issue to every confirmed subscriber")
def send_issue(*, issue_id: int) -> str:
    return f"{sending.queue_batches(issue_id)} readers in batches"


@job(title="Send a newsletter issue to a batch of subscribers")
def send_issue_batch(*, issue_id: int, subscriber_ids: list[int]) -> str:
    return f"sent {sending.send_batch(issue_id, subscriber_ids)} of {len(subscriber_ids)}"


@job(title="Send a test of a newsletter issue")
def send_test_issue(*, issue_id: int, to: str, message_id: str) -> None:
    sending.send_one(Issue.objects.get(pk=issue_id), to=to, message_id=message_id)
