"""Mixed traffic for Locust (run by tests/benchmarks/mixed_load.py, headless, through the caching
proxy): readers browse the guide and the product, shoppers fill carts, buyers check out with
localstripe cards and read their order page, and one shop admin pages through the orders.

Settings come from the environment: LOCALSTRIPE_URL, STAFF_EMAIL, STAFF_PASSWORD.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import random
import re
import struct
import time
import uuid

import requests
from locust import HttpUser, between, events, task

GUIDE = ["/guide/lower-back-trigger-points/", "/guide/quadratus-lumborum/", "/guide/psoas/", "/guide/iliacus/",
         "/guide/gluteus-medius/", "/guide/piriformis/", "/guide/where-does-it-hurt/"]
ADDRESS = {
    "first_name": "Ada", "last_name": "Lovelace", "company_name": "", "street_address_1": "1221 SW 4th Avenue",
    "street_address_2": "", "city": "Portland", "postal_code": "97204", "country": "US", "country_area": "OR",
    "phone": "",
}
ORDERS_PLACED = {"count": 0}


def totp_code(secret: str) -> str:
    """RFC 6238 as an authenticator app computes it (Locust's environment has no pyotp)."""
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class Visitor(HttpUser):
    abstract = True

    def on_start(self) -> None:
        # Browsers send Origin with form posts; the shop checks it on shared-page forms.
        self.client.headers["Origin"] = self.host

    def post_form(self, page: str, action: str, data: dict, name: str):
        html = self.client.get(page, name=f"{name} (form)").text
        token = csrf(html) or self.client.cookies.get("csrftoken", "")
        return self.client.post(action, data={"csrfmiddlewaretoken": token, **data}, name=name)

    def add_to_cart(self) -> None:
        product = self.client.get("/products/ql-claw/", name="product").text
        variant = re.search(r'name="variant_id" value="([^"]+)"', product).group(1)
        # The add alone (its redirect is not followed): the next request is the page the visitor goes to.
        self.client.post("/cart/add/", data={"variant_id": variant, "quantity": 1}, name="add to cart",
                         allow_redirects=False)


class Reader(Visitor):
    weight = 6
    wait_time = between(0.5, 2)

    @task(3)
    def guide_page(self) -> None:
        self.client.get(random.choice(GUIDE), name="guide page")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(1)
    def product(self) -> None:
        self.client.get("/products/ql-claw/", name="product")


class Shopper(Visitor):
    weight = 2
    wait_time = between(1, 3)

    adds = 0

    @task
    def fill_cart(self) -> None:
        # A few units, then another visitor's cart (one cart of hundreds would hit the 50 cap).
        self.adds += 1
        if self.adds % 5 == 0:
            self.client.cookies.clear()
        self.add_to_cart()
        self.client.get("/cart/", name="cart")


class Buyer(Visitor):
    weight = 2
    wait_time = between(1, 3)

    @task
    def check_out(self) -> None:
        self.client.cookies.clear()
        self.add_to_cart()
        email = f"load-{uuid.uuid4().hex[:10]}@example.com"
        # The one-page checkout: the address saved with the cheapest shipping method.
        saved = self.post_form("/checkout/", "/checkout/", {**ADDRESS, "email": email}, name="checkout: address")
        if 'name="shipping_method"' not in saved.text:
            return
        card = requests.post(f"{os.environ['LOCALSTRIPE_URL']}/v1/tokens", auth=("sk_test_localstripe", ""), data={
            "card[number]": "4242424242424242", "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123",
        }, timeout=10).json()["id"]
        paid = self.post_form("/checkout/", "/checkout/pay/", {"payment_token": card}, name="checkout: pay")
        if "/orders/" in paid.url:
            ORDERS_PLACED["count"] += 1
            self.client.get(paid.url.split("?")[0].replace(self.host, ""), name="order page")


class ShopAdmin(Visitor):
    fixed_count = 1
    wait_time = between(2, 5)

    def on_start(self) -> None:
        super().on_start()
        step = self.post_form("/staff/sign-in/", "/staff/sign-in/", name="staff: sign in",
                              data={"email": os.environ["STAFF_EMAIL"], "password": os.environ["STAFF_PASSWORD"]})
        # A fresh stack: the admin sets up the authenticator app now, with the key the page shows.
        secret = re.search(r'<code id="second-factor-secret">([A-Z2-7 ]+)</code>', step.text)
        assert secret, "the benchmark's admin must sign in for the first time on this stack"
        self.client.post(step.url, name="staff: second factor", data={
            "csrfmiddlewaretoken": csrf(step.text), "code": totp_code(secret.group(1).replace(" ", "")),
        })

    @task
    def page_orders(self) -> None:
        page = self.client.get("/staff/orders/?status=", name="staff: orders").text
        older = re.search(r'<a href="(\?[^"]*)">Older</a>', page)
        if older:
            self.client.get("/staff/orders/" + older.group(1).replace("&amp;", "&"), name="staff: orders, older")
        order = re.search(r'href="(/staff/orders/[^/"]+/)"', page)
        if order:
            self.client.get(order.group(1), name="staff: order")


@events.quitting.add_listener
def report_orders(environment, **kwargs) -> None:
    print(f"ORDERS_PLACED {ORDERS_PLACED['count']}")
