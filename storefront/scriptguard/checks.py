"""What the payment pages really carry, compared with `inventory.yaml`: every `<script>` (its
address, integrity, or inline code) and the security headers."""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Mapping
from urllib.parse import urljoin, urlsplit

from .inventory import PaymentPage


@dataclass(frozen=True)
class FoundScript:
    src: str  # absolute address; "inline" for a script written in the page
    integrity: str


class _Scripts(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.found: list[FoundScript] = []
        self._inline: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {name: value or "" for name, value in attrs}
        if values.get("src"):
            self.found.append(FoundScript(urljoin(self.base_url, values["src"]), values.get("integrity", "")))
        elif values.get("type", "").lower() not in ("application/ld+json", "application/json"):
            self._inline = []  # data blocks do not run; anything else does

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            if "".join(self._inline).strip():
                self.found.append(FoundScript("inline", ""))
            self._inline = None


def scripts_in(html: str, base_url: str) -> tuple[FoundScript, ...]:
    parser = _Scripts(base_url)
    parser.feed(html)
    parser.close()
    return tuple(parser.found)


def _same_address(found: str, listed: str, base_url: str) -> bool:
    a, b = urlsplit(found), urlsplit(urljoin(base_url, listed))
    return (a.scheme, a.netloc, a.path) == (b.scheme, b.netloc, b.path)


def differences(page: PaymentPage, *, html: str, headers: Mapping[str, str], base_url: str) -> tuple[str, ...]:
    """Plain sentences, one per difference; empty when the page is as listed."""
    found = list(scripts_in(html, base_url))
    problems = []
    for listed in page.scripts:
        if listed.loaded_by:
            continue  # added at run time by another listed script: allowed by the CSP, not in the HTML
        match = next((script for script in found if _same_address(script.src, listed.url, base_url)), None)
        if match is None:
            problems.append(f"{page.url_name}: the listed script {listed.url} is missing")
            continue
        found.remove(match)
        if listed.is_own and match.integrity != listed.integrity:
            problems.append(f"{page.url_name}: {listed.url} has integrity {match.integrity or 'none'}, "
                            f"the built file's is {listed.integrity}")
    for extra in found:
        what = "an inline script" if extra.src == "inline" else f"the script {extra.src}"
        problems.append(f"{page.url_name}: {what} is not in the list")
    lowered = {name.lower(): value for name, value in headers.items()}
    for name, needs in page.headers:
        value = lowered.get(name.lower())
        if value is None:
            problems.append(f"{page.url_name}: the {name} header is missing")
            continue
        directives = [part.strip() for part in value.split(";")]
        for need in needs:
            if not any(directive == need or directive.startswith(need + " ") for directive in directives):
                problems.append(f"{page.url_name}: {name} lacks “{need}”")
    policy = lowered.get("content-security-policy")
    if policy is not None:
        allowed = next((d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d.split()[:1] == ["script-src"]), [])
        if sorted(allowed) != sorted(page.script_sources()):
            problems.append(f"{page.url_name}: its CSP allows scripts from {' '.join(allowed) or 'anywhere'}, "
                            f"the list allows {' '.join(page.script_sources())}")
    return tuple(problems)
