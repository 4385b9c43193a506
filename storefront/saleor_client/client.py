"""The storefront's only door to Saleor: the generated typed client, plus timeouts, typed
errors and a call counter. Views and selectors call `saleor()` and the generated methods."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Optional, Protocol, cast

import httpx
from django.conf import settings
from django_guid import get_guid

from core.admission import seconds_left, work_started
from metrics.figures import SALEOR_BULKHEAD_SLOTS, SALEOR_CALL_SECONDS, SALEOR_CALLS_IN_FLIGHT

from .errors import SaleorGraphQLError, SaleorNotReached, SaleorUnavailable
from .generated.base_client import HttpClient, Response
from .generated.client import SaleorGraphQLClient
from .generated.exceptions import (
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)

logger = logging.getLogger(__name__)


# Saleor calls made by the current request's thread: the Server-Timing middleware reads them.
request_stats = threading.local()


def _count_call(seconds: float) -> None:
    request_stats.calls = getattr(request_stats, "calls", 0) + 1
    request_stats.seconds = getattr(request_stats, "seconds", 0.0) + seconds


class SaleorClient(SaleorGraphQLClient):
    """Translates transport and GraphQL failures into SaleorUnavailable / SaleorGraphQLError."""

    def __init__(
        self, url: str, timeout: float, app_token: str = "", *,
        in_flight: Optional[threading.BoundedSemaphore] = None, queue_timeout: float = 0.0,
    ) -> None:
        http_client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 1.0)),
            # Saleor's uWSGI (--http-socket) closes every connection after answering without
            # saying so; a pooled connection would then fail on its next use. Loopback
            # connections are cheap, so none is kept.
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=0),
            headers={"Authorization": f"Bearer {app_token}"} if app_token else None,
        )
        # The generated HttpClient protocol declares `json` positional where httpx takes it by
        # keyword only; the generated base client passes every argument by keyword.
        super().__init__(url=url, http_client=cast(HttpClient, http_client))
        self.calls = 0
        # A bulkhead: never more calls in flight than Saleor can serve; the others wait here,
        # so the timeout measures Saleor's work, not its queue, and a burst of visitors waits a
        # little instead of getting 503s. Shared by every client of the process (`_in_flight`).
        self.in_flight = in_flight
        self.queue_timeout = queue_timeout

    def execute(
        self, query: str, operation_name: Optional[str] = None, variables: Optional[dict[str, Any]] = None,
        **kwargs: Any,
    ) -> Response:
        self.calls += 1
        started = time.perf_counter()
        # A request waits for its first slot no longer than its own deadline (core/admission.py):
        # work that cannot start in time is not started at all.
        left = seconds_left()
        wait = self.queue_timeout if left is None else min(self.queue_timeout, left)
        if self.in_flight is not None and not self.in_flight.acquire(timeout=wait):
            _count_call(time.perf_counter() - started)
            SALEOR_CALL_SECONDS.labels(operation_name or "", "busy").observe(time.perf_counter() - started)
            raise SaleorNotReached(f"Saleor is busy: {operation_name} waited {round(wait, 2):g} s")
        work_started()
        if self.in_flight is not None:
            SALEOR_CALLS_IN_FLIGHT.inc()
        # Saleor logs the request id too, so one buyer's request can be followed across both.
        request_id = get_guid()
        if request_id:
            kwargs["headers"] = {**(kwargs.get("headers") or {}), "X-Request-ID": request_id}
        outcome = "ok"
        try:
            return super().execute(query, operation_name=operation_name, variables=variables, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            outcome = "not_reached"
            raise SaleorNotReached(f"Saleor could not be reached for {operation_name}: {error!r}") from error
        except httpx.TimeoutException as error:
            outcome = "unavailable"
            raise SaleorUnavailable(f"Saleor did not answer {operation_name} in time: {error!r}") from error
        except httpx.TransportError as error:
            outcome = "unavailable"
            raise SaleorUnavailable(f"Saleor could not be reached for {operation_name}: {error!r}") from error
        finally:
            if self.in_flight is not None:
                self.in_flight.release()
                SALEOR_CALLS_IN_FLIGHT.dec()
            _count_call(time.perf_counter() - started)
            SALEOR_CALL_SECONDS.labels(operation_name or "", outcome).observe(time.perf_counter() - started)

    def get_data(self, response: Response) -> dict[str, Any]:
        try:
            return super().get_data(response)
        except GraphQLClientHttpError as error:
            if error.status_code >= 500:
                raise SaleorUnavailable(f"Saleor answered HTTP {error.status_code}") from error
            answer = cast(httpx.Response, error.response)  # what the httpx client above returned
            raise SaleorGraphQLError([f"HTTP {error.status_code}: {answer.text[:200]}"]) from error
        except GraphQLClientInvalidResponseError as error:
            raise SaleorUnavailable("Saleor answered with something that is not GraphQL") from error
        except GraphQLClientGraphQLMultiError as error:
            raise SaleorGraphQLError([item.message for item in error.errors], [item.path for item in error.errors],
                                     error.data) from error


_clients: dict[str, SaleorClient] = {}
_lock = threading.Lock()
_semaphore: Optional[threading.BoundedSemaphore] = None


def _in_flight() -> threading.BoundedSemaphore:
    """Saleor calls of this process in flight, all clients together (SALEOR_CONCURRENCY)."""
    global _semaphore
    if _semaphore is None:
        with _lock:
            if _semaphore is None:
                _semaphore = threading.BoundedSemaphore(settings.SALEOR_CONCURRENCY)
                SALEOR_BULKHEAD_SLOTS.set(settings.SALEOR_CONCURRENCY)
    return _semaphore


def _client(kind: str, app_token: str = "") -> SaleorClient:
    """One client (and connection pool) per process and kind, shared by its threads."""
    client = _clients.get(kind)
    if client is None:
        in_flight = _in_flight()  # takes _lock itself: not inside the block below
        with _lock:
            client = _clients.setdefault(
                kind, SaleorClient(settings.SALEOR_API_URL, settings.SALEOR_TIMEOUT, app_token,
                                   in_flight=in_flight, queue_timeout=settings.SALEOR_QUEUE_TIMEOUT),
            )
    return client


def saleor() -> SaleorClient:
    """Saleor as any shopper sees it: catalog, carts, checkout, orders by token."""
    return _client("public")


_health_client: Optional[SaleorClient] = None


def saleor_for_health_check() -> SaleorClient:
    """For /healthz alone: its own slot instead of the bulkhead, so a busy shop still answers
    its health check at once, and a short timeout (HEALTHZ_DEADLINE_SECONDS)."""
    global _health_client
    if _health_client is None:
        with _lock:
            if _health_client is None:
                _health_client = SaleorClient(
                    settings.SALEOR_API_URL, settings.HEALTHZ_DEADLINE_SECONDS * 0.8,
                    in_flight=threading.BoundedSemaphore(1), queue_timeout=0.0,
                )
    return _health_client


def saleor_as_storefront_app() -> SaleorClient:
    """Saleor with the storefront's app token (manage_orders, manage_shipping): payments and
    captures, the shipping zones, order lookup. Never hand its answers to a visitor whole: each
    caller reads only what it needs (a price list, a token to compare)."""
    return _client("app", settings.SALEOR_APP_TOKEN)


class StaffToken(Protocol):
    """A signed-in staff member as far as Saleor cares: the token of their own account."""

    saleor_token: str


class StaffSaleorClient(SaleorClient):
    """Saleor as one staff member: every call carries their token, so Saleor's permissions and
    its order events (who did what) apply as in its own dashboard. Shares the public client's
    connection pool; making one costs no connection."""

    def __init__(self, shared: SaleorClient, token: str) -> None:
        SaleorGraphQLClient.__init__(self, url=shared.url, http_client=cast(HttpClient, shared.http_client))
        self.calls = 0
        self.in_flight, self.queue_timeout = shared.in_flight, shared.queue_timeout
        self._authorization = f"JWT {token}"

    def execute(
        self, query: str, operation_name: Optional[str] = None, variables: Optional[dict[str, Any]] = None,
        **kwargs: Any,
    ) -> Response:
        headers = {**kwargs.pop("headers", {}), "Authorization": self._authorization}
        return super().execute(query, operation_name=operation_name, variables=variables, headers=headers, **kwargs)


def saleor_as_staff(staff: StaffToken) -> StaffSaleorClient:
    """Saleor with a staff member's own token (the staff area, and nothing else)."""
    return StaffSaleorClient(saleor(), staff.saleor_token)
