"""manage.py reconcile_payments — settle now what the settle job would settle within a minute.

The worker's periodic `settle_payments` job does this every minute; this command is the manual
trigger (e.g. after an outage, with the worker stopped). Same code, same locks.
"""
from django.core.management.base import BaseCommand

from checkout import completion
from saleor_client.errors import SaleorError


class Command(BaseCommand):
    help = "Find out what became of payments whose checkout did not finish, and finish them."

    def handle(self, *args, **options):
        due = completion.unsettled_attempts()
        for attempt_id in due:
            try:
                outcome = completion.settle(attempt_id)
            except (SaleorError, completion.CheckoutStepError) as error:
                self.stderr.write(f"  attempt {attempt_id}: {error}")
                continue
            self.stdout.write(f"  attempt {attempt_id}: {outcome}")
        self.stdout.write(f"{len(due)} attempt(s) looked at.")
