"""Server-Timing header: what a request cost in Saleor calls and SQL queries.

Browsers' developer tools show it, and the benchmarks read it. Off unless SERVER_TIMING
is set, since it tells the outside world how the shop works inside.
"""
import time
from typing import Any, Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

from .client import request_stats


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.SERVER_TIMING:
            return self.get_response(request)
        request_stats.calls, request_stats.seconds = 0, 0.0
        queries = {"count": 0, "seconds": 0.0}

        def count_query(
            execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any],
        ) -> Any:  # Django's execute-wrapper hook: the params and the result are the database driver's
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries["count"] += 1
                queries["seconds"] += time.perf_counter() - started

        started = time.perf_counter()
        with connection.execute_wrapper(count_query):
            response = self.get_response(request)
        total = time.perf_counter() - started
        response["Server-Timing"] = ", ".join([
            f'saleor;desc="{request_stats.calls} calls";dur={request_stats.seconds * 1000:.1f}',
            f'db;desc="{queries["count"]} queries";dur={queries["seconds"] * 1000:.1f}',
            f"total;dur={total * 1000:.1f}",
        ])
        return response
