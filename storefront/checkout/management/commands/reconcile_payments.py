"""manage.py reconcile_payments — finish checkouts whose payment went through but whose
webhook never arrived (localstripe never retries one; Stripe gives up after three days).

Run it every few minutes (cron, or a compose service). It asks Saleor to complete every
checkout left waiting for 3-D Secure: Saleor's gateway looks the PaymentIntent up, and only
an authorized one becomes an order, under the same lock as any other completion.
"""
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from checkout import services
from checkout.models import CheckoutAttempt
from saleor_client.errors import SaleorError


class Command(BaseCommand):
    help = "Complete checkouts whose payment was authorized but never confirmed by the buyer or a webhook."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=10)

    def handle(self, *args, older_than_minutes: int, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
        waiting = CheckoutAttempt.objects.filter(
            status=CheckoutAttempt.Status.NEEDS_AUTHENTICATION, order_token__isnull=True, updated__lte=cutoff
        )
        completed = 0
        for attempt in waiting:
            try:
                outcome = services.confirm(cart_token=str(attempt.checkout_token))
            except (SaleorError, services.CheckoutStepError) as error:
                self.stderr.write(f"  {attempt.checkout_token}: {error}")
                continue
            completed += outcome.kind == "completed"
            self.stdout.write(f"  {attempt.checkout_token}: {outcome.kind}")
        self.stdout.write(f"{completed} checkout(s) completed.")
