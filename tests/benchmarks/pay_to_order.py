"""Pay -> order page at rest, beside its floor: Saleor's own checkoutComplete for a checkout made
ready the same way, asked directly, in the same run. The storefront's time is split by its
Server-Timing header (Saleor calls, SQL, the rest), and Saleor's reads of the checkout are timed
directly: `Cart` (what completion reads today) beside `CartForCompletion` (no price).

    .venv/storefront/bin/python -m tests.benchmarks.pay_to_order [--checkouts N]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import time

import httpx

from tests.benchmarks.cart_page import ask, documents
from tests.benchmarks.checkout import percentile, timing
from tests.checkout.buyer import GOOD_CARD, US_ADDRESS, Buyer, card_token


def row(label: str, values: list[float]) -> None:
    print(f"  {label:<58} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms")


def through_the_storefront(shop, checkouts: int) -> None:
    figures: dict[str, list[float]] = {name: [] for name in (
        "total", "pay", "pay_saleor", "pay_db", "pay_rest", "page", "page_saleor", "page_rest")}
    pay_calls, pay_queries = set(), set()
    for n in range(checkouts):
        buyer = Buyer(shop, email=f"bench-pay-{n}-{time.time_ns()}@example.com")
        buyer.ready_to_pay()
        token = card_token(shop, GOOD_CARD)
        page = buyer.http.get("/checkout/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        started = time.perf_counter()
        paid = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token})
        order_page = buyer.http.get(paid.headers["location"])
        figures["total"].append((time.perf_counter() - started) * 1000)
        assert order_page.status_code == 200 and "your order is placed" in order_page.text
        pay, shown = timing(paid), timing(order_page)
        figures["pay"].append(pay["total"][1])
        figures["pay_saleor"].append(pay["saleor"][1])
        figures["pay_db"].append(pay["db"][1])
        figures["pay_rest"].append(pay["total"][1] - pay["saleor"][1] - pay["db"][1])
        figures["page"].append(shown["total"][1])
        figures["page_saleor"].append(shown["saleor"][1])
        figures["page_rest"].append(shown["total"][1] - shown["saleor"][1] - shown["db"][1])
        pay_calls.add(pay["saleor"][0])
        pay_queries.add(pay["db"][0])
        buyer.close()
    print(f"\nPay -> order page through the storefront ({checkouts} checkouts, one at a time)")
    row("total: POST pay + GET order page (client)", figures["total"])
    row(f"  POST pay, server ({sorted(pay_calls)}, {sorted(pay_queries)})", figures["pay"])
    row("    of which Saleor calls", figures["pay_saleor"])
    row("    of which SQL", figures["pay_db"])
    row("    the rest (Python, locks' waits, templates)", figures["pay_rest"])
    row("  GET order page, server", figures["page"])
    row("    of which Saleor (the order)", figures["page_saleor"])
    row("    the rest", figures["page_rest"])


def saleor_alone(shop, checkouts: int, variant_id: str) -> None:
    """The same checkout, made ready on Saleor directly; each of the Pay's Saleor steps timed."""
    docs = documents()
    steps: dict[str, list[float]] = {name: [] for name in (
        "Cart", "CartForCompletion", "CheckoutPaymentCreate", "CheckoutComplete")}
    address = {"".join(part if n == 0 else part.capitalize() for n, part in enumerate(key.split("_"))): value
               for key, value in US_ADDRESS.items() if key != "email"}
    with httpx.Client(base_url=shop.saleor_url, timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as saleor:
        for n in range(checkouts):
            email = f"bench-floor-{n}-{time.time_ns()}@example.com"
            created, _ = ask(saleor, docs["CartCreate"], {"lines": [{"variantId": variant_id, "quantity": 1}], "email": email})
            token = created["checkoutCreate"]["checkout"]["token"]
            checkout = ask(saleor, docs["Cart"], {"token": token})[0]["checkout"]
            details, _ = ask(saleor, docs["CheckoutSetDetails"], {"checkoutId": checkout["id"], "email": email, "address": address})
            methods = details["checkoutBillingAddressUpdate"]["checkout"]["availableShippingMethods"]
            standard = next(method["id"] for method in methods if method["name"] == "Standard")
            ask(saleor, docs["CheckoutSetShippingMethod"], {"checkoutId": checkout["id"], "shippingMethodId": standard})
            steps["Cart"].append(ask(saleor, docs["Cart"], {"token": token})[1])
            steps["CartForCompletion"].append(ask(saleor, docs["CartForCompletion"], {"token": token})[1])
            payment, took = ask(saleor, docs["CheckoutPaymentCreate"], {
                "checkoutId": checkout["id"], "gateway": "qlclaw.payments.stripe", "token": card_token(shop, GOOD_CARD)})
            assert not payment["checkoutPaymentCreate"]["paymentErrors"], payment
            steps["CheckoutPaymentCreate"].append(took)
            completed, took = ask(saleor, docs["CheckoutComplete"], {"checkoutId": checkout["id"]})
            assert completed["checkoutComplete"]["order"], completed
            steps["CheckoutComplete"].append(took)
    print(f"\nSaleor alone, asked directly ({checkouts} checkouts made ready the same way)")
    row("checkoutComplete (card authorized at localstripe): the floor", steps["CheckoutComplete"])
    row("checkoutPaymentCreate", steps["CheckoutPaymentCreate"])
    row("Cart (what completion reads under its lock today)", steps["Cart"])
    row("CartForCompletion (the same without prices)", steps["CartForCompletion"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkouts", type=int, default=30)
    checkouts = parser.parse_args().checkouts
    os.environ["SERVER_TIMING"] = "1"
    from tests.benchmarks.harness import running_stack

    with running_stack() as shop:
        Buyer(shop, email="bench-warm@example.com").ready_to_pay()  # warm both processes' caches
        variant_id = Buyer(shop, email="bench-variant@example.com").product_variant_id()
        saleor_alone(shop, checkouts, variant_id)
        through_the_storefront(shop, checkouts)
        saleor_alone(shop, checkouts, variant_id)  # again: the machine's load may drift


if __name__ == "__main__":
    main()
