from typing import Any

from django.core.management.base import BaseCommand

from shared_cache.generation import purge_catalog


class Command(BaseCommand):
    help = "Forget every cached catalog read, so the next page view asks Saleor again."

    def handle(self, *args: Any, **options: Any) -> None:
        purge_catalog()
        self.stdout.write("Catalog cache purged.")
