"""Delivery is at least once and a retried job never sends a mail twice (mail/services.py): the
sent-flag (`SentEmail`) is written as soon as the SMTP server accepts a message, so a job that
failed after some of its mails went out sends only the rest when it is tried again."""
from __future__ import annotations

import uuid

import psycopg

from deploy.runner.stack import Stack
from tests.checkout.test_durable_orders import query, wait_until
from tests.mailbox import Mailbox
from tests.storefront_shell import storefront_python

QUEUE_BATCH = """
import newsletter.tasks  # the job's name is known once its module is loaded
from jobs.queue import defer
from newsletter.models import Issue, Subscriber
issue = Issue.objects.create(slug={slug!r}, subject={subject!r}, body="Hold each point for 30 seconds.", status="sent")
readers = list(Subscriber.objects.filter(email__in={readers!r}).order_by("pk").values_list("pk", flat=True))
print(defer("newsletter.tasks.send_issue_batch", issue_id=issue.pk, subscriber_ids=readers))
"""


def test_a_batch_retried_after_its_first_mail_went_out_sends_each_mail_once(shop: Stack, mailbox: Mailbox):
    run = uuid.uuid4().hex[:8]
    first, second = f"first-{run}@example.com", f"second-{run}@example.com"
    with psycopg.connect(shop.database_url("storefront")) as db:
        for email in (first, second):  # `first` gets the lower pk: the batch sends to it first
            db.execute("INSERT INTO newsletter_subscriber (email, status, confirmation_nonce, created, confirmed_at) "
                       "VALUES (%s, 'subscribed', 'nonce', now(), now())", (email,))
    slug = f"sent-once-{run}"

    mailbox.defer_after(1)  # the first mail is delivered; the server then says "try again later"
    try:
        queued = storefront_python(shop, QUEUE_BATCH.format(slug=slug, subject=f"Sent once {run}", readers=[first, second]))
        assert queued.returncode == 0, queued.stderr
        job_id = int(queued.stdout.split()[-1])
        wait_until(lambda: mailbox.deferred_messages >= 1, 30, "the mail server to turn the second mail away")
        assert len(mailbox.to(first)) == 1 and mailbox.to(second) == []
        wait_until(lambda: query(shop, "SELECT status FROM procrastinate_jobs WHERE id = %s", job_id)[0][0] != "doing",
                   30, "the first try to fail")
    finally:
        mailbox.recover()

    # The retry (2 s later) finds the first mail's SentEmail row and sends only the second.
    [to_second] = mailbox.exactly(second, 1, timeout=30)
    [to_first] = mailbox.exactly(first, 1)
    [(status, attempts)] = query(shop, "SELECT status, attempts FROM procrastinate_jobs WHERE id = %s", job_id)
    assert (status, attempts) == ("succeeded", 2)
    assert query(shop, "SELECT count(*) FROM jobs_joberror WHERE job_id = %s", job_id) == [(1,)]
    assert to_first["Subject"] == to_second["Subject"] == f"Sent once {run}"
    sent = query(shop, "SELECT message_id, recipient FROM mail_sentemail WHERE message_id LIKE %s ORDER BY recipient",
                 f"<newsletter.{slug}.%")
    assert sorted(sent, key=lambda row: row[1]) == sorted(
        [(to_first["Message-ID"], first), (to_second["Message-ID"], second)], key=lambda row: row[1])
