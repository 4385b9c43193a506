"""A buyer without JavaScript: plain HTTP with cookies, forms filled like a browser does.

The card is the only part of the checkout page that needs Stripe.js; `card_token` does what Stripe.js'
createToken does (localstripe's stand-in included): the card goes to Stripe, the shop
gets a token.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Optional

import httpx
import stripe

from deploy.runner.stack import Stack

# Oregon has no sales tax and is not a nexus state: totals are the catalog prices plus shipping.
# (tests/taxes/ buys from taxed addresses on purpose.)
US_ADDRESS = {
    "email": "buyer@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "company_name": "",
    "street_address_1": "1221 SW 4th Avenue",
    "street_address_2": "",
    "city": "Portland",
    "postal_code": "97204",
    "country": "US",
    "country_area": "OR",
    "phone": "",
}

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"
THREE_D_SECURE_CARD = "4000002500003155"
# A buyer at this domain makes Saleor's tax hook fail when their order is created (the test
# stack sets Saleor's TAX_FAULT_EMAIL_DOMAIN to it).
TAX_FAULT_EMAIL_DOMAIN = "tax-fault.example"


def stripe_client(shop: Stack) -> stripe.StripeClient:
    """The real stripe library, talking to the stack's localstripe."""
    return stripe.StripeClient("sk_test_localstripe", base_addresses={"api": shop.localstripe_url})


def card_token(shop: Stack, number: str) -> str:
    return stripe_client(shop).v1.tokens.create(
        params={"card": {"number": number, "exp_month": "12", "exp_year": "2034", "cvc": "123"}}
    ).id


def csrf_token(html: str) -> str:
    """The page's CSRF token; pages served to shared caches have none (their forms are
    checked by origin instead)."""
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


@dataclass
class Buyer:
    shop: Stack
    email: str = "buyer@example.com"
    http: httpx.Client = field(init=False)
    # When this buyer last paid: localstripe posts its webhooks about a second later.
    last_paid_at: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        base_url = f"http://127.0.0.1:{self.shop.ports.storefront}"
        # Browsers send Origin with every form POST.
        self.http = httpx.Client(base_url=base_url, timeout=30, headers={"Origin": base_url})

    def close(self) -> None:
        self.http.close()

    def post_form(self, page_path: str, action: str, data: dict, follow: bool = True) -> httpx.Response:
        page = self.http.get(page_path, follow_redirects=True)
        # Without a token on the page, the CSRF cookie's secret is also accepted by Django.
        token = csrf_token(page.text) or self.http.cookies.get("csrftoken", "")
        return self.http.post(action, data={"csrfmiddlewaretoken": token, **data}, follow_redirects=follow)

    def product_variant_id(self, slug: str = "ql-claw") -> str:
        page = self.http.get(f"/products/{slug}/")
        return re.search(r'name="variant_id" value="([^"]+)"', page.text).group(1)

    def add_to_cart(self, quantity: int = 1, slug: str = "ql-claw") -> httpx.Response:
        return self.post_form(f"/products/{slug}/", "/cart/add/", {"variant_id": self.product_variant_id(slug), "quantity": quantity})

    def enter_details(self, **changes: str) -> httpx.Response:
        return self.post_form("/checkout/", "/checkout/", {**US_ADDRESS, "email": self.email, **changes})

    def choose_shipping(self, name: str = "Standard") -> httpx.Response:
        """The method named, on the checkout page (saving the address sets the cheapest)."""
        page = self.http.get("/checkout/")
        options = dict((label.strip(), value) for value, label in re.findall(r'value="([^"]+)"[^>]*>\s*<span>([^<]+)</span>', page.text))
        method_id = next(value for label, value in options.items() if label.startswith(name))
        return self.post_form("/checkout/shipping/", "/checkout/shipping/", {"shipping_method": method_id})

    def ready_to_pay(self, quantity: int = 1) -> None:
        self.add_to_cart(quantity)
        assert self.enter_details().url.path == "/checkout/"
        assert self.choose_shipping().url.path == "/checkout/"

    def pay(self, payment_token: Optional[str] = None, card: str = GOOD_CARD, extra: Optional[dict] = None,
            follow: bool = True) -> httpx.Response:
        token = payment_token or card_token(self.shop, card)
        try:
            return self.post_form("/checkout/", "/checkout/pay/", {"payment_token": token, **(extra or {})}, follow)
        finally:
            self.last_paid_at = time.monotonic()

    def confirm(self) -> httpx.Response:
        try:
            return self.post_form("/checkout/", "/checkout/pay/confirm/", {})
        finally:
            self.last_paid_at = time.monotonic()
