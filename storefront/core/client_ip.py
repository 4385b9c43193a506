"""The visitor's address, for rate limits and lockouts.

Behind a reverse proxy every request comes from the proxy's address, so the proxy passes the
visitor's in `X-Real-IP`. That header is honoured only when the request really comes from an
address or network in TRUSTED_PROXIES (empty by default): anyone else could write any address into it.
"""
from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest


@functools.cache
def _trusted_networks(entries: tuple[str, ...]) -> tuple[ipaddress._BaseNetwork, ...]:
    # Addresses or networks: in a container network the proxy's address changes with each
    # start, so a deployment names the network (e.g. 172.16.0.0/12) rather than one address.
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _from_trusted_proxy(remote: str) -> bool:
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(address in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if _from_trusted_proxy(remote):
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
