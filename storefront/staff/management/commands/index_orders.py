"""Index every order for the staff's search by SKU, tracking number, city and note."""
from typing import Any

from django.core.management.base import BaseCommand

from staff.orders.search import index_all


class Command(BaseCommand):
    help = "Index every order for the staff area's search (by SKU, tracking number, city, note)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Indexed {index_all()} orders.")
