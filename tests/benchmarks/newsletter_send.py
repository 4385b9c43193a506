"""Newsletter sending to a real SMTP server (aiosmtpd on loopback): mails per second from the
moment the sending is committed until the last subscriber's mail has arrived, with the stack's one
job worker (JOB_WORKER_CONCURRENCY batches of 100 at once, one SMTP connection per batch).

    .venv/storefront/bin/python -m tests.benchmarks.newsletter_send
"""
from __future__ import annotations

import os
import time
import uuid

import psycopg

from tests.benchmarks.harness import running_stack
from tests.mailbox import Mailbox

SUBSCRIBERS = 2000


def main() -> None:
    mailbox = Mailbox()
    os.environ["EMAIL_URL"] = mailbox.start()
    run = uuid.uuid4().hex[:8]
    try:
        with running_stack() as shop:
            with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
                # Only this run's readers are confirmed: earlier runs' are unsubscribed first.
                db.execute("UPDATE newsletter_subscriber SET status = 'unsubscribed' WHERE email LIKE 'bench-reader-%%'")
                with db.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO newsletter_subscriber (email, status, confirmation_nonce, created, confirmed_at) "
                        "VALUES (%s, 'subscribed', 'n', now(), now())",
                        [(f"bench-reader-{run}-{n}@example.com",) for n in range(SUBSCRIBERS)],
                    )
                confirmed = db.execute("SELECT count(*) FROM newsletter_subscriber WHERE status = 'subscribed'").fetchone()[0]
            issue_id = shop.storefront_manage("shell", "--no-imports", "-c", (
                "from newsletter.models import Issue\n"
                f"print(Issue.objects.create(slug='bench-{run}', subject='Bench {run}', body='## Hello\\n\\nA *short* issue.').pk)"
            )).stdout.strip()
            before = len(mailbox.messages)
            shop.storefront_manage("shell", "--no-imports", "-c", f"from newsletter import sending\nsending.send_to_subscribers({issue_id}, 'bench@qlclaw.example')")
            started = time.monotonic()  # the sending is committed: the worker has it
            while len(mailbox.messages) - before < confirmed:
                time.sleep(0.05)
            seconds = time.monotonic() - started
            arrivals = [at for to, at in mailbox.arrivals[before:]]
            span = max(arrivals) - min(arrivals)
            print(f"Newsletter to {confirmed} confirmed subscribers: last mail {seconds:.1f} s after the send was "
                  f"committed ({confirmed / seconds:.0f} mails/s); first to last mail {span:.1f} s "
                  f"({(confirmed - 1) / span:.0f} mails/s)")
    finally:
        mailbox.stop()


if __name__ == "__main__":
    main()
