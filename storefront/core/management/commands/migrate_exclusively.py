"""`migrate` (and the cache table) under a PostgreSQL advisory lock: replicas that start together
migrate one after another, and the later ones find nothing left to do. Two concurrent `migrate`s
would otherwise both create the job queue's functions and leave the schema broken."""
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.locks import session_lock


class Command(BaseCommand):
    help = "Apply migrations, one process at a time."

    def handle(self, *args: Any, **options: Any) -> None:
        with session_lock("storefront-migrations"):
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            call_command("createcachetable", verbosity=options["verbosity"])
