"""Compression of pages identical for everyone, and of nothing else.

BREACH (breachattack.com) reads a secret out of a compressed page by watching its size change
while the attacker's guesses are reflected in the same page. A shared page (`cacheable_for`:
`Cache-Control: public`, no cookie set, no CSRF token drawn) holds no secret, so compressing it
reveals nothing; every page with a visitor's token, cart, order or staff data goes out as it is.
Static files come pre-compressed from whitenoise (.gz and .br written at collectstatic).
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


def is_shared_page(request: HttpRequest, response: HttpResponseBase) -> bool:
    cache_control = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return (
        "public" in cache_control
        and "private" not in cache_control
        and not response.cookies
        # Set by django.middleware.csrf.get_token(): this answer carries the visitor's token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class SharedPageGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its own random padding against BREACH) for shared pages only."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not is_shared_page(request, response):
            return response
        return super().process_response(request, response)
