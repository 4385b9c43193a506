"""Subresource Integrity hashes of the shop's own static files.

`collectstatic` writes them (storage.IntegrityManifestStorage) to `integrity.json` beside the
static files, so a page never hashes a file while a buyer waits. Without that file (a run that
serves from the source folders) a file is hashed once, when first asked for.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

MANIFEST_NAME = "integrity.json"


def sri_hash(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


@functools.lru_cache(maxsize=1)
def _built() -> dict[str, str]:
    path = Path(settings.STATIC_ROOT or "") / MANIFEST_NAME
    if settings.STATIC_ROOT and path.is_file():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    return {}


@functools.lru_cache(maxsize=64)
def of_static(name: str) -> str:
    """The hash of the file the page links for `name` (the hashed copy when collected)."""
    built = _built()
    if name in built:
        return built[name]
    found = finders.find(name)
    if not found:
        raise LookupError(f"No static file {name!r}")
    return sri_hash(Path(str(found)).read_bytes())


def forget() -> None:
    _built.cache_clear()
    of_static.cache_clear()


def hashes_of_collected(storage: Any = staticfiles_storage) -> dict[str, str]:
    """Source name -> hash of its collected (hashed-name) copy, for every script."""
    hashed_names = getattr(storage, "hashed_files", {}) or {}
    result = {}
    for name, hashed in hashed_names.items():
        if name.endswith(".js") and storage.exists(hashed):
            with storage.open(hashed) as handle:
                result[name] = sri_hash(handle.read())
    return result
