"""The visitor's address, for rate limits and lockouts.

Behind a reverse proxy every request comes from the proxy's address, so the proxy passes the
visitor's in `X-Real-IP`. That header is honoured only when the request really comes from an
address in TRUSTED_PROXIES (empty by default): anyone else could write any address into it.
"""
from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if _is_address(forwarded):
            return forwarded
    return remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
