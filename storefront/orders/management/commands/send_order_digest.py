"""manage.py send_order_digest [--day YYYY-MM-DD] — e-mail the shop the list of one day's orders
(yesterday by default, in the shop's time zone); a day's digest is sent once."""
from argparse import ArgumentParser
from datetime import date, timedelta
from typing import Any, Optional
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from orders.tasks import send_order_digest


class Command(BaseCommand):
    help = "E-mail the shop the digest of one day's orders."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--day", help="YYYY-MM-DD in the shop's time zone; yesterday when left out")

    def handle(self, *args: Any, day: Optional[str] = None, **options: Any) -> None:
        try:
            wanted = date.fromisoformat(day) if day else (
                timezone.now().astimezone(ZoneInfo(settings.SHOP_TIME_ZONE)).date() - timedelta(days=1)
            )
        except ValueError:
            raise CommandError(f"--day {day!r} is not a date like 2026-11-24")
        sent = send_order_digest(wanted)
        self.stdout.write(f"Digest of {wanted} {'sent' if sent else 'was sent before'} to {settings.SHOP_ORDERS_EMAIL}.")
