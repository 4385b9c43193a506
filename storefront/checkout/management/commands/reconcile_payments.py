"""manage.py reconcile_payments — settle now what the settle job would settle within a minute.

The worker's periodic `settle_payments` job does this every 15 s; this command is the manual
trigger (e.g. after an outage, with the worker stopped). Same code, same locks.
"""
from typing import Any, Optional

from django.core.management.base import BaseCommand, CommandParser

from checkout import completion
from checkout.models import CheckoutAttempt
from saleor_client.errors import SaleorError


class Command(BaseCommand):
    help = "Find out what became of payments whose checkout did not finish, and finish them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-seconds", type=int, default=None,
            help="settle attempts untouched this long (default: the settings the settle job uses)",
        )

    def handle(self, *args: Any, older_than_seconds: Optional[int], **options: Any) -> None:
        due = completion.unsettled_attempts(older_than_seconds)
        for attempt in CheckoutAttempt.objects.filter(pk__in=due).order_by("pk"):
            try:
                outcome = completion.settle(attempt.pk)
            except (SaleorError, completion.CheckoutStepError) as error:
                self.stderr.write(f"  {attempt.checkout_token}: {error}")
                continue
            self.stdout.write(f"  {attempt.checkout_token}: {outcome}")
        self.stdout.write(f"{len(due)} attempt(s) looked at.")
