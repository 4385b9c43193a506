"""The cart page's cost: Saleor's time for the checkout (`Cart`, what the checkout steps ask)
beside the cart page's own lighter `CartPage` query, for a cart without and with an address,
asked of Saleor directly; then the storefront's /cart/ after a change (one Saleor call) and on a
reload (the per-cart summary: none), from Server-Timing.

    .venv/storefront/bin/python -m tests.benchmarks.cart_page
"""
from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import httpx
from graphql import parse, print_ast
from graphql.utilities import separate_operations

from tests.benchmarks.checkout import percentile, timing
from tests.checkout.buyer import US_ADDRESS, Buyer

OPERATIONS = Path(__file__).resolve().parents[2] / "storefront" / "saleor_client" / "operations"
ROUNDS = 60


def documents() -> dict[str, str]:
    """Each operation of the storefront's .graphql files with just the fragments it uses."""
    whole = parse("\n".join(path.read_text() for path in sorted(OPERATIONS.glob("*.graphql"))))
    return {name: print_ast(document) for name, document in separate_operations(whole).items()}


def ask(saleor: httpx.Client, document: str, variables: dict) -> tuple[dict, float]:
    started = time.perf_counter()
    response = saleor.post("/graphql/", json={"query": document, "variables": variables})
    elapsed = (time.perf_counter() - started) * 1000
    body = response.json()
    assert response.status_code == 200 and not body.get("errors"), body
    return body["data"], elapsed


def line(label: str, values: list[float]) -> str:
    return f"  {label:<52} median {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms"


def saleor_queries(shop, variant_id: str) -> None:
    docs = documents()
    # Saleor's uWSGI closes each connection after answering: none is kept.
    with httpx.Client(base_url=shop.saleor_url, timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as saleor:
        created, _ = ask(saleor, docs["CartCreate"], {
            "lines": [{"variantId": variant_id, "quantity": 2}], "email": "bench-cart@example.com"})
        token = created["checkoutCreate"]["checkout"]["token"]
        checkout_id = ask(saleor, docs["Cart"], {"token": token})[0]["checkout"]["id"]
        variants = [
            ("Cart (checkout steps: with shipping methods)", "Cart", {}),
            ("CartPage (cart page)", "CartPage", {"withTax": False}),
            ("CartPage with the tax (once there is an address)", "CartPage", {"withTax": True}),
        ]
        for stage in ("no address", "US address"):
            if stage == "US address":
                address = {key: value for key, value in US_ADDRESS.items() if key != "email"}
                camel = {"".join([part if n == 0 else part.capitalize() for n, part in enumerate(key.split("_"))]): value
                         for key, value in address.items()}
                ask(saleor, docs["CheckoutSetDetails"], {
                    "checkoutId": checkout_id, "email": "bench-cart@example.com", "address": camel})
            print(f"\nSaleor's time for the cart, asked directly ({stage}; {ROUNDS} rounds, interleaved)")
            times: dict[str, list[float]] = {label: [] for label, _, _ in variants}
            for _ in range(ROUNDS):
                for label, name, extra in variants:
                    times[label].append(ask(saleor, docs[name], {"token": token, **extra})[1])
            for label, _, _ in variants:
                print(line(label, times[label]))


def storefront_page(shop) -> None:
    buyer = Buyer(shop, email="bench-cart-page@example.com")
    variant_id = buyer.product_variant_id()
    buyer.add_to_cart(1)
    cases = ("after an add (read from Saleor)", "after a quantity change (its answer kept)", "reloaded")
    wall: dict[str, list[float]] = {case: [] for case in cases}
    saleor_ms: dict[str, list[float]] = {case: [] for case in cases}
    calls: dict[str, set[str]] = {case: set() for case in cases}

    def view(case: str) -> str:
        started = time.perf_counter()
        response = buyer.http.get("/cart/")
        wall[case].append((time.perf_counter() - started) * 1000)
        figures = timing(response)
        calls[case].add(figures["saleor"][0])
        saleor_ms[case].append(figures["saleor"][1])
        return response.text

    for n in range(ROUNDS):
        buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": variant_id, "quantity": 1}, follow=False)
        page = view(cases[0])
        line_id = page.split('action="/cart/lines/', 1)[1].split("/", 1)[0]
        buyer.post_form("/cart/", f"/cart/lines/{line_id}/", {"quantity": 1}, follow=False)
        view(cases[1])
        view(cases[2])
    print(f"\nStorefront GET /cart/ ({ROUNDS} rounds)")
    for case in cases:
        print(line(case, wall[case]) + f"   Saleor {statistics.median(saleor_ms[case]):5.1f} ms   {sorted(calls[case])}")
    buyer.close()


def main() -> None:
    os.environ["SERVER_TIMING"] = "1"
    from tests.benchmarks.harness import running_stack

    with running_stack() as shop:
        variant_id = Buyer(shop, email="bench-variant@example.com").product_variant_id()
        saleor_queries(shop, variant_id)
        storefront_page(shop)


if __name__ == "__main__":
    main()
