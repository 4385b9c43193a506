"""Content-Security-Policy of a payment page: scripts only from `inventory.yaml` (own files by
their integrity hash, Stripe by its origin; not 'self', so no other file of the shop's runs
there either), Stripe's frames and API."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from .inventory import payment_page

# Stripe's frames may ask for the Payment Request API (wallets); nothing else may, here either.
PAYMENT_PERMISSIONS_POLICY = settings.PERMISSIONS_POLICY.replace(
    "payment=()", "payment=(self " + " ".join(f'"{origin}"' for origin in settings.STRIPE_CSP["frame-src"]) + ")"
)


def limit_scripts_to_inventory(response: HttpResponse, url_name: str) -> HttpResponse:
    """The headers of a page that can take a payment (the card form or the wallet button)."""
    response.headers["Permissions-Policy"] = PAYMENT_PERMISSIONS_POLICY
    # django-csp's middleware reads these when the response leaves (as its decorators set them).
    # frame-src is replaced, not added to: beside other sources the shop-wide 'none' is ignored
    # anyway, and browsers log the mix as an error (Lighthouse's best practices count it).
    response._csp_replace = {"script-src": payment_page(url_name).script_sources(),
                             "frame-src": settings.STRIPE_CSP["frame-src"]}
    response._csp_update = {key: value for key, value in settings.STRIPE_CSP.items()
                            if key not in ("script-src", "frame-src")}
    return response
