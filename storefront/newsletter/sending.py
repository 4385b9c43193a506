"""Newsletter issues: staff write one in Markdown, preview it, send a test to themselves, then
send it to every confirmed subscriber. Sending is jobs: one job splits the subscribers into
batches, each batch job sends its mails over one SMTP connection. Every mail carries its
reader's own unsubscribe link, in the text and in List-Unsubscribe (one-click, RFC 8058).
A retried batch skips who already got it (the fixed Message-ID per issue and reader)."""
from __future__ import annotations

import uuid
from typing import Any, Optional

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.links import absolute_url
from core.markdown import render_markdown
from jobs.queue import defer
from mail.services import make_message_id, send_templated_email

from . import tokens
from .models import Issue, Subscriber

BATCH = 100
TEMPLATE = "newsletter/email/issue"


class IssueError(Exception):
    """Refused; the message says why, for the staff member."""


def issue_context(issue: Issue) -> dict[str, Any]:
    return {
        "subject": issue.subject,
        "body_text": issue.body,
        # Cleaned by nh3 in render_markdown: safe to put into the page and the mail as it is.
        "body_html": mark_safe(render_markdown(issue.body)),
        "archive_url": absolute_url("newsletter:issue", slug=issue.slug),
    }


def _headers(unsubscribe_url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_one(issue: Issue, *, to: str, message_id: str, connection: Optional[BaseEmailBackend] = None) -> bool:
    unsubscribe_url = absolute_url("newsletter:unsubscribe", token=tokens.unsubscribe_token(to))
    return send_templated_email(
        template=TEMPLATE, to=to, context={**issue_context(issue), "unsubscribe_url": unsubscribe_url},
        message_id=message_id, headers=_headers(unsubscribe_url), connection=connection,
    )


def queue_test(issue: Issue, to: str) -> None:
    defer("newsletter.tasks.send_test_issue", issue_id=issue.pk, to=to, message_id=make_message_id("newsletter", issue.slug, "test", uuid.uuid4().hex))


def send_to_subscribers(issue_id: int, staff_email: str) -> int:
    """Mark the issue sent and queue the sending; a second click finds it sent already."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id).first()
        if issue is None:
            raise IssueError("There is no such issue.")
        if issue.status == Issue.Status.SENT:
            raise IssueError(f"This issue was sent on {issue.sent_at:%Y-%m-%d %H:%M} UTC; it is not sent twice.")
        count = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).count()
        issue.status, issue.sent_at, issue.sent_by, issue.recipients = Issue.Status.SENT, timezone.now(), staff_email, count
        issue.save(update_fields=["status", "sent_at", "sent_by", "recipients", "updated"])
        defer("newsletter.tasks.send_issue", issue_id=issue.pk)
    return count


def queue_batches(issue_id: int) -> int:
    """Who is confirmed when the sending starts gets it, in batches of BATCH."""
    ids = list(Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            defer("newsletter.tasks.send_issue_batch", issue_id=issue_id, subscriber_ids=ids[start:start + BATCH])
    return len(ids)


def send_batch(issue_id: int, subscriber_ids: list[int]) -> int:
    """One SMTP connection for the batch; someone who unsubscribed meanwhile is skipped."""
    issue = Issue.objects.get(pk=issue_id)
    readers = Subscriber.objects.filter(pk__in=subscriber_ids, status=Subscriber.Status.SUBSCRIBED).order_by("pk")
    sent = 0
    with get_connection() as connection:
        for reader in readers:
            sent += send_one(issue, to=reader.email, message_id=make_message_id("newsletter", issue.slug, str(reader.pk)),
                             connection=connection)
    return sent


def sent_issue(slug: str) -> Optional[Issue]:
    return Issue.objects.filter(slug=slug, status=Issue.Status.SENT).first()


def sent_issues() -> list[Issue]:
    return list(Issue.objects.filter(status=Issue.Status.SENT).order_by("-sent_at"))
