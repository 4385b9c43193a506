"""Whole responses of the shared pages (home, product, guide, finder), kept in the process's
memory and served before Django runs at all.

These pages are identical for everyone (`cacheable_for`: `Cache-Control: public`, no cookie,
nothing personal), so a cache miss at the proxy — or no proxy — still costs a dictionary
lookup instead of a page render. Entries follow the catalog's generation: `purge_catalog()`
retires them within GENERATION_CHECK_SECONDS in every process, and each lives no longer
than its own max-age. Only plain GETs without a query string or cookie are answered here,
and the number of entries is capped, so a visitor cannot fill the memory with made-up URLs.
A request for a host Django would refuse (ALLOWED_HOSTS) goes to Django, which answers 400; pages
are kept per host and per encoding (gzip or not, core/compression.py). Headers that belong to one
request (its X-Request-ID) are never replayed.

A missing or stale page is rendered once per process however many ask for it at that moment
(a launch's first second, the second after a purge): the others wait for that render (never
past the time a render may take) and are answered from it, so a cold page costs Saleor one
render instead of a crowd's worth of 503s.
"""
from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.middleware.gzip import re_accepts_gzip

if TYPE_CHECKING:
    from _typeshed import OptExcInfo

logger = logging.getLogger(__name__)

# A purge reaches every process within this many seconds.
GENERATION_CHECK_SECONDS = 1.0
MAX_ENTRIES = 256
# How long an address that answered with a page that cannot be kept is not waited for.
NOT_SHARED_SECONDS = 60.0
MAX_AGE = re.compile(r"(?:^|,)\s*public\s*,\s*max-age=(\d+)")
# Headers of one request's answer, not of the page: a hit gets its own.
PER_REQUEST_HEADERS = {"server-timing", "x-request-id", "date"}
# django_guid keeps a caller's id only when it is a UUID (VALIDATE_GUID); so does a hit.
REQUEST_ID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\Z")


@dataclass(frozen=True)
class CachedPage:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    generation: int
    expires: float
    timed: bool  # the render carried a Server-Timing header (SERVER_TIMING on)


@dataclass
class Render:
    """A render under way: the requests for the same page wait for it and replay what it kept."""

    done: threading.Event = field(default_factory=threading.Event)
    page: Optional[CachedPage] = None


class SharedPageCache:
    """WSGI middleware in front of Django (config/wsgi.py)."""

    def __init__(self, app: WSGIApplication, generation: Callable[[], int]) -> None:
        self.app = app
        self.read_generation = generation
        self.pages: OrderedDict[str, CachedPage] = OrderedDict()
        self.lock = threading.Lock()
        self.generation = 0
        self.generation_checked = 0.0
        # The page a request is rendering now, and the event the others asking for it wait on.
        self.rendering: dict[str, Render] = {}
        # Addresses whose last render could not be kept (a form with its CSRF cookie, /healthz, a
        # 404): requests for them render side by side instead of waiting for one another.
        self.not_shared: OrderedDict[str, float] = OrderedDict()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING") or environ.get("HTTP_COOKIE"):
            return self.app(environ, start_response)
        host = _allowed_host(environ)
        if host is None:
            return self.app(environ, start_response)  # Django answers 400 Bad Request
        # The same page compressed or not: a copy for each, never one served to the other.
        encoding = "gzip" if re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", "")) else "identity"
        path = f"{host}{environ.get('PATH_INFO', '')} {encoding}"
        now = time.monotonic()
        page = self._fresh(path, now)
        if page is not None:
            return self._replay(page, "hit", environ, start_response, now)
        if self.not_shared.get(path, 0.0) > now:
            return self._render_and_keep(path, environ, start_response, now)
        with self.lock:
            render = self.rendering.get(path)
            leader = render is None
            if leader:
                render = self.rendering[path] = Render()
        assert render is not None
        if not leader:
            # Rendering already: its answer, once kept, is this request's too (as fresh as a hit:
            # it began at most a render's time before this request came).
            if render.done.wait(_longest_render()) and render.page is not None:
                return self._replay(render.page, "shared", environ, start_response, time.monotonic())
            return self.app(environ, start_response)  # not kept (a 503, a cookie): its own answer
        try:
            return self._render_and_keep(path, environ, start_response, now, render)
        finally:
            with self.lock:
                del self.rendering[path]
            render.done.set()

    def _fresh(self, path: str, now: float) -> Optional[CachedPage]:
        page = self.pages.get(path)
        if page is not None and page.expires > now and page.generation == self._current_generation(now):
            return page
        return None

    @staticmethod
    def _replay(
        page: CachedPage, how: str, environ: WSGIEnvironment, start_response: StartResponse, now: float,
    ) -> Iterable[bytes]:
        extra = [("X-Page-Cache", how), ("X-Request-ID", _request_id(environ))]
        if page.timed:
            # What this answer cost, not what the render it replays did.
            elapsed = (time.monotonic() - now) * 1000
            extra.append(("Server-Timing", f'saleor;desc="0 calls";dur=0.0, db;desc="0 queries";dur=0.0, total;dur={elapsed:.1f}'))
        start_response(page.status, [*page.headers, *extra])
        return [page.body]

    def _current_generation(self, now: float) -> int:
        if now - self.generation_checked > GENERATION_CHECK_SECONDS:
            self.generation_checked = now
            try:
                self.generation = self.read_generation()
            except Exception:  # the shared cache is away: keep serving what we have
                logger.warning("Could not read the catalog generation; page cache unchanged", exc_info=True)
        return self.generation

    def _render_and_keep(
        self, path: str, environ: WSGIEnvironment, start_response: StartResponse, now: float,
        render: Optional[Render] = None,
    ) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(
            status: str, headers: list[tuple[str, str]], exc_info: Optional[OptExcInfo] = None,
        ) -> Callable[[bytes], object]:
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        generation = self._current_generation(now)
        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        seconds = self._shareable_for(captured.get("status", ""), captured.get("headers", []))
        if not seconds and captured.get("status", "").startswith(("200", "3", "404")):
            # A page of its kind (not a passing 503): no request waits for its render for a while.
            with self.lock:
                self.not_shared[path] = now + NOT_SHARED_SECONDS
                self.not_shared.move_to_end(path)
                while len(self.not_shared) > MAX_ENTRIES * 4:
                    self.not_shared.popitem(last=False)
        if seconds:
            headers = [(name, value) for name, value in captured["headers"] if name.lower() not in PER_REQUEST_HEADERS]
            timed = any(name.lower() == "server-timing" for name, _ in captured["headers"])
            page = CachedPage(captured["status"], headers, body, generation, now + seconds, timed)
            if render is not None:
                render.page = page
            with self.lock:
                self.pages[path] = page
                self.pages.move_to_end(path)
                while len(self.pages) > MAX_ENTRIES:
                    self.pages.popitem(last=False)
        return [body]

    @staticmethod
    def _shareable_for(status: str, headers: list[tuple[str, str]]) -> int:
        if not status.startswith("200"):
            return 0
        names = {name.lower(): value for name, value in headers}
        if "set-cookie" in names:
            return 0
        match = MAX_AGE.search(names.get("cache-control", ""))
        return int(match.group(1)) if match else 0


def _longest_render() -> float:
    """A render starts by its deadline or is refused, then has Saleor's read timeout at most."""
    return float(settings.REQUEST_DEADLINE_SECONDS) + float(settings.SALEOR_TIMEOUT)


def _allowed_host(environ: WSGIEnvironment) -> Optional[str]:
    """The request's host when Django would accept it (its ALLOWED_HOSTS check), else None."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _ = split_domain_port(host)
    return host.lower() if domain and validate_host(domain, settings.ALLOWED_HOSTS) else None


def _request_id(environ: WSGIEnvironment) -> str:
    given = environ.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex
