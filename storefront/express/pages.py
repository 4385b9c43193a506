"""The headers of a page that shows the wallet button: its scripts limited to those
`scriptguard/inventory.yaml` lists for it, and the Payment Request API allowed to Stripe's
frames (wallets use it) and to nothing else."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

from scriptguard.csp import limit_scripts_to_inventory

WALLET_PERMISSIONS_POLICY = settings.PERMISSIONS_POLICY.replace(
    "payment=()", "payment=(self " + " ".join(f'"{origin}"' for origin in settings.STRIPE_CSP["frame-src"]) + ")"
)


def with_wallet_button(response: HttpResponse, url_name: str) -> HttpResponse:
    response.headers["Permissions-Policy"] = WALLET_PERMISSIONS_POLICY
    return limit_scripts_to_inventory(response, url_name)
