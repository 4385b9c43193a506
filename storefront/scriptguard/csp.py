"""Content-Security-Policy of a payment page: scripts only from `inventory.yaml` (own files by
their integrity hash, Stripe by its origin; not 'self', so no other file of the shop's runs
there either), Stripe's frames and API."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from .inventory import payment_page


def limit_scripts_to_inventory(response: HttpResponse, url_name: str) -> HttpResponse:
    # django-csp's middleware reads these when the response leaves (as its decorators set them).
    response._csp_replace = {"script-src": payment_page(url_name).script_sources()}  # type: ignore[attr-defined]
    response._csp_update = {key: value for key, value in settings.STRIPE_CSP.items() if key != "script-src"}  # type: ignore[attr-defined]
    return response
