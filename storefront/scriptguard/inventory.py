"""The list of scripts allowed on the payment pages (`inventory.yaml`), read once per process."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.conf import settings
from django.templatetags.static import static

from . import integrity


@dataclass(frozen=True)
class ListedScript:
    src: str  # as written in the file: static:<name> or setting:<NAME>
    purpose: str
    # Another listed script adds this one at run time (`loaded_by: static:<name>`): it is not in
    # the page's HTML, but its page's CSP allows it like the others.
    loaded_by: str = ""

    @property
    def is_own(self) -> bool:
        return self.src.startswith("static:")

    @property
    def url(self) -> str:
        """The address the page loads it from."""
        kind, _, name = self.src.partition(":")
        return static(name) if kind == "static" else str(getattr(settings, name))

    @property
    def integrity(self) -> str:
        """`sha384-…` for the shop's own files; empty for third-party ones (allowed by origin)."""
        return integrity.of_static(self.src.partition(":")[2]) if self.is_own else ""

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


@dataclass(frozen=True)
class PaymentPage:
    url_name: str
    scripts: tuple[ListedScript, ...]
    headers: tuple[tuple[str, tuple[str, ...]], ...]  # header name, directives it must contain

    def script_sources(self) -> list[str]:
        """CSP script-src for the page: each own file by its hash, each third party by origin."""
        sources = [f"'{script.integrity}'" for script in self.scripts if script.is_own]
        sources += sorted({script.origin for script in self.scripts if not script.is_own})
        return sources


def inventory_file() -> Path:
    return Path(getattr(settings, "SCRIPT_INVENTORY_FILE", "") or Path(__file__).with_name("inventory.yaml"))


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[PaymentPage, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pages = []
    for page in data["pages"]:
        scripts = tuple(ListedScript(src=str(s["src"]), purpose=" ".join(str(s["purpose"]).split()),
                                     loaded_by=str(s.get("loaded_by") or "")) for s in page["scripts"])
        for script in scripts:
            if not script.src.startswith(("static:", "setting:")):
                raise ValueError(f"{path}: {script.src!r} must start with static: or setting:")
            if script.loaded_by and script.loaded_by not in {other.src for other in scripts if not other.loaded_by}:
                raise ValueError(f"{path}: {script.src} is loaded_by {script.loaded_by!r}, which the page does not list")
        headers = tuple((str(name), tuple(str(d) for d in (need or ()))) for name, need in (page.get("headers") or {}).items())
        pages.append(PaymentPage(url_name=str(page["url_name"]), scripts=scripts, headers=headers))
    return tuple(pages)


def payment_pages() -> tuple[PaymentPage, ...]:
    return _load(inventory_file())


def payment_page(url_name: str) -> PaymentPage:
    for page in payment_pages():
        if page.url_name == url_name:
            return page
    raise LookupError(f"{url_name} is not listed in {inventory_file()}")
