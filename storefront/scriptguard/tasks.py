"""The daily comparison of the live payment pages with their list, and its alert."""
from __future__ import annotations

from django.conf import settings
from procrastinate.contrib.django import app

from jobs.queue import job
from mail.services import make_message_id, send_templated_email

from .models import ScriptCheck
from .services import alert_fingerprint, check_payment_pages


@app.periodic(cron="23 6 * * *")
@job(title="Compare the payment pages' scripts and headers with their list", queueing_lock="check-payment-scripts")
def check_payment_scripts(*, timestamp: int) -> str:
    check = check_payment_pages()
    return "as listed" if check.ok else f"{len(check.differences)} differences {check.failure}".strip()


@job(title="Tell the shop admin the payment pages differ from their list")
def alert_shop_admin(*, check_id: int) -> None:
    check = ScriptCheck.objects.get(pk=check_id)
    send_templated_email(
        template="scriptguard/email/pages_differ", to=settings.SHOP_ORDERS_EMAIL,
        context={"check": check},
        message_id=make_message_id("payment-scripts", alert_fingerprint(check)),
    )
