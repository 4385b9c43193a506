"""manage.py seed_catalog deploy/seed/catalog.yaml — create or update the shop's catalog."""
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...catalog_file import CatalogFileError
from ...services import seed_catalog


class Command(BaseCommand):
    help = "Create or update the shop, shipping, warehouse, QL Claw product and staff account."

    def add_arguments(self, parser):
        parser.add_argument("catalog_file", type=Path)

    def handle(self, *args, catalog_file: Path, **options):
        password = os.environ.get("SHOP_STAFF_PASSWORD", "")
        if len(password) < 12:
            raise CommandError(
                "Set SHOP_STAFF_PASSWORD (12 characters or more) for the staff account; "
                "./shop run generates one into .local/env."
            )
        app_token = os.environ.get("SALEOR_APP_TOKEN", "")
        if not 20 <= len(app_token) <= 30:
            raise CommandError("Set SALEOR_APP_TOKEN (20 to 30 characters), the storefront's key to Saleor.")
        try:
            report = seed_catalog(catalog_file, staff_password=password, app_token=app_token)
        except CatalogFileError as error:
            raise CommandError(str(error))
        for change in report.changes:
            self.stdout.write(f"  {change}")
        self.stdout.write(f"Catalog seeded from {catalog_file}: {len(report.changes)} changes.")
