from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.raster import PictureNotDrawable
from guide.content import guide_pages
from guide.previews import draw_previews


class Command(BaseCommand):
    help = "Draw each guide page's 1200×630 share picture (og:image) into PREVIEWS_DIR; run before collectstatic."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            written = draw_previews(
                list(guide_pages().values()), Path(settings.CONTENT_DIR) / "pictures", Path(settings.PREVIEWS_DIR),
            )
        except (OSError, PictureNotDrawable) as error:
            raise CommandError(f"A share picture cannot be drawn ({error}); `manage.py check_content` names the page.")
        self.stdout.write(f"Drew {len(written)} share pictures into {settings.PREVIEWS_DIR}.")
