"""One log line per request: method, path, status and time; the request id comes from django-guid's
log filter. Paths that are keys to a buyer's data (order pages, newsletter links) keep only their
shape, so logs can be shared without handing out access."""
from __future__ import annotations

import logging
import time
from typing import Callable

from django.http import HttpRequest, HttpResponse

from core.logs import redact

logger = logging.getLogger("storefront.requests")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if request.path != "/healthz":  # the container's own check, every few seconds
            logger.info(
                "%s %s %s", request.method, redact(request.path), response.status_code,
                extra={"method": request.method, "path": redact(request.path), "status": response.status_code,
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
            )
        return response
