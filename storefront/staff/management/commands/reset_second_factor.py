"""Forget a staff account's second factor from the command line: for the last admin who lost
both the phone and the recovery codes (the team page needs a signed-in admin), or after
SECRET_KEY changed (the apps' secrets are derived from it). They set up their app again at the
next sign-in; their sessions end now."""
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from staff.access import second_factor


class Command(BaseCommand):
    help = "Reset a staff account's second factor: they set up an authenticator app again at their next sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the staff member's e-mail address")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if second_factor.reset(email):
            self.stdout.write(f"{email}: second factor reset; they set it up again at their next sign-in.")
        else:
            self.stdout.write(f"{email}: had no second factor; they set one up at their next sign-in.")
