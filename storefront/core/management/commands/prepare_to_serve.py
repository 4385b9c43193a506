"""What the storefront needs before it serves, in one process (one Django start instead of
three): the schema and cache table (one process at a time), the guide's share pictures, then
the static files that fingerprint them."""
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "migrate_exclusively, draw_previews, collectstatic: everything before the first request."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate_exclusively", verbosity=verbosity)
        call_command("draw_previews", verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=verbosity)
