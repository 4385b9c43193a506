"""The static files storage: whitenoise's compressed, hashed-name files, plus the integrity
hashes of every script, written once at collectstatic (see integrity.py)."""
from __future__ import annotations

import json
from typing import Any

from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

from .integrity import MANIFEST_NAME, hashes_of_collected


class IntegrityManifestStorage(CompressedManifestStaticFilesStorage):
    def post_process(self, *args: Any, **kwargs: Any) -> Any:
        yield from super().post_process(*args, **kwargs)
        if kwargs.get("dry_run"):
            return
        hashes = hashes_of_collected(self)
        if self.exists(MANIFEST_NAME):
            self.delete(MANIFEST_NAME)
        self._save(MANIFEST_NAME, ContentFile(json.dumps(hashes, indent=1, sort_keys=True).encode()))
