from __future__ import annotations

from typing import Any, Optional

from jobs.queue import defer, job

from .services import send_templated_email


@job(title="Send an e-mail")
def send_email(*, template: str, to: str, context: dict[str, Any], message_id: str,
               headers: Optional[dict[str, str]] = None) -> None:
    send_templated_email(template=template, to=to, context=context, message_id=message_id, headers=headers)


def queue_email(*, template: str, to: str, context: dict[str, Any], message_id: str,
                headers: Optional[dict[str, str]] = None) -> None:
    """For mails whose whole content is known now (plain JSON context): sent by a job."""
    defer(send_email, template=template, to=to, context=context, message_id=message_id, headers=headers)
