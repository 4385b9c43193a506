from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.selectors import product_card
from guide.checks import content_problems


class Command(BaseCommand):
    help = "Check the guide's content files: front matter, sources, pictures, links and product slugs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", type=Path, default=Path(settings.CONTENT_DIR))

    def handle(self, *args: Any, content_dir: Path, **options: Any) -> None:
        problems = content_problems(content_dir, product_exists=lambda slug: product_card(slug) is not None)
        if problems:
            raise CommandError("The content has problems:\n  " + "\n  ".join(problems))
        self.stdout.write(f"Content in {content_dir} is fine.")
