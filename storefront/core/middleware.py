import logging
from typing import Callable, Optional

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from psycopg.errors import LockNotAvailable

from metrics.figures import SHED_RESPONSES

logger = logging.getLogger(__name__)

# Seconds a visitor is asked to wait when the shop is saturated or its database is away.
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    """No free database connection in time (the pool is the concurrency budget) or PostgreSQL
    away: the visitor gets the friendly 503 page with Retry-After, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Optional[HttpResponse]:
        if not isinstance(exception, OperationalError):
            return None
        if isinstance(exception.__cause__, LockNotAvailable):
            # A lock held past the request's deadline (core.locks.advisory_lock's timeout): load, not an outage.
            logger.warning("A lock was not free before the deadline while serving %s", request.path)
            SHED_RESPONSES.labels("lock_wait_passed_deadline").inc()
        else:
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
            SHED_RESPONSES.labels("database_unavailable").inc()
        return shed_response(request)


def shed_response(request: HttpRequest) -> HttpResponse:
    """The friendly 503 page, asking the visitor to come back in RETRY_AFTER_SECONDS."""
    response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class PermissionsPolicyMiddleware:
    """Browser features no page of the shop uses are switched off for it and for any frame in
    it. A view that needs one (the payment step, for Stripe's frames) sets its own header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
