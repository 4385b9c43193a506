"""Every e-mail the shop sends goes through `send_templated_email`, called from a job.

Templates are django-templated-email files (`<app>/email/<name>.email`) holding the subject,
the plain-text and the HTML body as blocks of one template, so a mail's parts cannot drift
apart. Delivery is at least once: the sent-flag (`SentEmail`) is written right after the SMTP
server accepts the message, and a fixed Message-ID, derived from what the mail is about, makes
the rare duplicate (a crash between those two steps) recognisable as the same message.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError
from templated_email import get_templated_mail

from .models import SentEmail

logger = logging.getLogger(__name__)


def make_message_id(*parts: str) -> str:
    """A Message-ID fixed by what the mail is about, e.g. ('order', token, 'confirmation')."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "qlclaw.example"
    return f"<{'.'.join(parts)}@{domain}>"


def already_sent(message_id: str) -> bool:
    return SentEmail.objects.filter(message_id=message_id).exists()


def send_templated_email(
    *,
    template: str,
    to: str,
    context: dict[str, Any],
    message_id: str,
    headers: Optional[dict[str, str]] = None,
    connection: Optional[BaseEmailBackend] = None,
) -> bool:
    """Send once per Message-ID; False when it had been sent already. SMTP errors propagate
    (the job is retried); EMAIL_TIMEOUT bounds a server that accepts and then hangs.
    `connection`: an open mail connection to reuse (a batch sends many over one)."""
    if already_sent(message_id):
        return False
    message = get_templated_mail(
        template_name=template,
        context=context,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, **(headers or {})},
    )
    message.connection = connection  # None: a connection of its own
    message.send()
    try:
        SentEmail.objects.create(message_id=message_id, template=template, recipient=to)
    except IntegrityError:
        # Two workers raced on the same message; both sends happened, which the fixed
        # Message-ID lets a mail client fold into one.
        logger.warning("E-mail %s was sent twice", message_id)
    return True
