"""`manage.py check_payment_scripts [--base-url URL]`: compare the live payment pages' scripts
and security headers with `scriptguard/inventory.yaml` now (the worker does it daily). Exit 1
when they differ."""
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scriptguard.services import check_payment_pages


class Command(BaseCommand):
    help = "Compare the live payment pages' scripts and headers with their list."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default="", help="The shop's address (default: SCRIPT_CHECK_URL).")

    def handle(self, *args: Any, base_url: str, **options: Any) -> None:
        check = check_payment_pages(base_url=base_url)
        if check.ok:
            self.stdout.write(f"The payment pages at {check.base_url} carry exactly the listed scripts and headers.")
            return
        for difference in check.differences:
            self.stdout.write(f"- {difference}")
        if check.failure:
            self.stdout.write(f"- could not reach: {check.failure}")
        raise CommandError("The payment pages differ from their list; the shop admin is e-mailed.")
