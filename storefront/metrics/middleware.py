from __future__ import annotations

from typing import Callable

from django.http import HttpRequest, HttpResponse

from .figures import RESPONSES


class ResponseCountMiddleware:
    """Counts every answer by status class (2xx … 5xx): the 5xx rate an operator alerts on.
    Outermost, so it sees the 503 pages the inner middlewares make and Django's own 500s."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        RESPONSES.labels(f"{response.status_code // 100}xx").inc()
        return response
