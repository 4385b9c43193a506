"""One log line per Saleor request, carrying the storefront's request id (X-Request-ID), so a
buyer's request can be followed from the storefront's log into Saleor's."""
import logging
import re
import threading
import time

logger = logging.getLogger("qlclaw_saleor.requests")
_current = threading.local()
# The storefront sends django-guid's ids (32 hex digits); anything else is not trusted as an id.
REQUEST_ID = re.compile(r"^[0-9a-fA-F-]{8,64}$")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = getattr(_current, "request_id", None)
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        candidate = request.META.get("HTTP_X_REQUEST_ID", "")
        _current.request_id = candidate if REQUEST_ID.match(candidate) else None
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            if request.path != "/health/":
                logger.info(
                    "%s %s %s", request.method, request.path, response.status_code,
                    extra={"method": request.method, "path": request.path, "status": response.status_code,
                           "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
                )
            return response
        finally:
            _current.request_id = None
