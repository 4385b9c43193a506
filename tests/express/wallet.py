"""A buyer paying from a wallet sheet, as static/js/express.js drives the shop: the same JSON
calls the Express Checkout Element's events make. Offline there is no wallet: the PaymentMethod
the sheet would hand over is made with the real stripe library against localstripe."""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import httpx
from django.core import signing

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, Buyer
from tests.checkout.test_payment_methods import payment_method
from tests.saleor_api import SaleorStaffAPI

# Each wallet buyer comes from an address of its own (the tests play the proxy that names
# visitors in X-Real-IP), so the per-visitor limit is met only where a test means it.
_addresses = itertools.count(10)

PORTLAND = {"country": "US", "state": "OR", "city": "Portland", "postal_code": "97204"}
FULL_PORTLAND = {**PORTLAND, "line1": "1221 SW 4th Avenue", "line2": "", "name": "Ada Lovelace", "phone": ""}


@dataclass
class Wallet:
    buyer: Buyer

    def __post_init__(self) -> None:
        self.buyer.http.headers["X-Real-IP"] = f"198.51.100.{next(_addresses) % 250 + 1}"

    def call(self, step: str, body: Any) -> httpx.Response:
        return self.buyer.http.post(f"/checkout/express/{step}/", json=body)

    def start(self, **body: Any) -> dict:
        answer = self.call("start", {"source": "product", "product": "ql-claw", "quantity": 1, **body})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def address(self, **changes: str) -> httpx.Response:
        return self.call("address", {**PORTLAND, **changes})

    def pay(self, shop: Stack, sheet: dict, *, card: str = GOOD_CARD, **changes: Any) -> httpx.Response:
        self.buyer.last_paid_at = time.monotonic()  # localstripe's webhooks land in this test
        return self.call("pay", {**FULL_PORTLAND, "email": self.buyer.email, "shipping_method": sheet["shippingRates"][0]["id"],
                                 "payment_method": payment_method(shop, card), "amount": sheet["amount"], **changes})

    @property
    def checkout_token(self) -> str:
        """The sheet's own Saleor checkout, from the buyer's signed session cookie."""
        data = signing.loads(self.buyer.http.cookies.get("sessionid"), key=self.buyer.shop.secrets["STOREFRONT_SECRET_KEY"],
                             salt="django.contrib.sessions.backends.signed_cookies", serializer=signing.JSONSerializer,
                             fallback_keys=[])
        return data["express_token"]


def saleor_checkout(staff_api: SaleorStaffAPI, token: str) -> dict:
    """The checkout as Saleor itself prices it."""
    return staff_api.execute(
        "query($token: UUID!) { checkout(token: $token) { totalPrice { gross { amount currency } } "
        "shippingPrice { gross { amount } } shippingMethod { id name } "
        "availableShippingMethods { id name price { amount } } } }", {"token": token})["checkout"]


def cents(amount: float) -> int:
    return round(amount * 100)
