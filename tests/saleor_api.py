"""Talking to Saleor's staff GraphQL API from tests, as the shop admin would."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Optional
from zoneinfo import ZoneInfo

import httpx


@dataclass
class SaleorStaffAPI:
    url: str
    token: Optional[str] = None

    @classmethod
    def sign_in(cls, url: str, email: str, password: str) -> SaleorStaffAPI:
        api = cls(url)
        data = api.execute(
            "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) "
            "{ token accountErrors { field message } } }",
            {"e": email, "p": password},
        )
        assert data["tokenCreate"]["accountErrors"] == [], data
        api.token = data["tokenCreate"]["token"]
        return api

    def execute(self, query: str, variables: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        headers = {"Authorization": f"JWT {self.token}"} if self.token else {}
        for _ in range(3):
            response = httpx.post(self.url, json={"query": query, "variables": variables or {}}, headers=headers, timeout=30)
            assert response.status_code == 200, response.text
            body = response.json()
            # Saleor 2.10 (Django 3.0: no connection health checks) fails one request per process
            # with a connection PostgreSQL dropped (after a restart); the next one reconnects.
            if not any("OperationalError" in str(error.get("extensions")) for error in body.get("errors") or []):
                break
        assert not body.get("errors"), body["errors"]
        return body["data"]

    def product(self, slug: str) -> dict[str, Any]:
        return self.execute(
            "query($s: String!) { product(slug: $s) { id name basePrice { amount } } }", {"s": slug}
        )["product"]

    def set_base_price(self, slug: str, amount: str) -> None:
        product_id = self.product(slug)["id"]
        data = self.execute(
            "mutation($id: ID!, $price: Decimal) { productUpdate(id: $id, input: {basePrice: $price}) "
            "{ productErrors { field message } } }",
            {"id": product_id, "price": amount},
        )
        assert data["productUpdate"]["productErrors"] == [], data

    def variant_stock(self, sku: str, product_slug: str = "ql-claw") -> tuple[str, str, int, int]:
        """(variant id, warehouse id, quantity on the shelf, quantity allocated to orders)."""
        data = self.execute(
            "query($slug: String!) { product(slug: $slug) { variants { id sku "
            "stocks { warehouse { id } quantity quantityAllocated } } } }",
            {"slug": product_slug},
        )
        variant = next(v for v in data["product"]["variants"] if v["sku"] == sku)
        stock = variant["stocks"][0]
        return variant["id"], stock["warehouse"]["id"], stock["quantity"], stock["quantityAllocated"]

    def available(self, sku: str) -> int:
        _, _, quantity, allocated = self.variant_stock(sku)
        return quantity - allocated

    def set_available(self, sku: str, available: int) -> None:
        """Put exactly `available` units on sale, on top of those already allocated to orders."""
        variant_id, warehouse_id, _, allocated = self.variant_stock(sku)
        quantity = allocated + available
        data = self.execute(
            "mutation($v: ID!, $w: ID!, $q: Int!) { productVariantStocksUpdate(variantId: $v, "
            "stocks: [{warehouse: $w, quantity: $q}]) { bulkStockErrors { field message } } }",
            {"v": variant_id, "w": warehouse_id, "q": quantity},
        )
        assert data["productVariantStocksUpdate"]["bulkStockErrors"] == [], data

    def orders_placed_on(self, day: date, zone: ZoneInfo, fields: str) -> list[dict]:
        """Every order placed on `day` in `zone` (Saleor filters by its own date: ask a day wider
        and keep the day's), each with `fields` and `created`."""
        found, after = [], None
        while True:
            data = self.execute(
                "query($gte: Date, $lte: Date, $after: String) { orders(first: 100, after: $after, "
                "filter: {created: {gte: $gte, lte: $lte}}) { pageInfo { hasNextPage endCursor } "
                f"edges {{ node {{ created {fields} }} }} }} }}",
                {"gte": str(day - timedelta(days=1)), "lte": str(day + timedelta(days=1)), "after": after},
            )["orders"]
            found += [edge["node"] for edge in data["edges"]
                      if datetime.fromisoformat(edge["node"]["created"]).astimezone(zone).date() == day]
            if not data["pageInfo"]["hasNextPage"]:
                return found
            after = data["pageInfo"]["endCursor"]

    def orders_for(self, email: str) -> list[dict]:
        data = self.execute(
            "query($s: String!) { orders(first: 50, filter: {search: $s}) { edges { node { id number token "
            "userEmail status paymentStatus total { gross { amount } } lines { id } "
            "payments { chargeStatus capturedAmount { amount } total { amount } } } } } }",
            {"s": email},
        )
        return [edge["node"] for edge in data["orders"]["edges"] if edge["node"]["userEmail"] == email]

    def wait_for_orders(self, email: str, *, count: int = 1, payment_status: str = "FULLY_CHARGED",
                        timeout: float = 30) -> list[dict]:
        """The buyer's orders once `count` of them reached `payment_status` (capture is a job
        that runs just after the buyer sees the order page)."""
        deadline = time.monotonic() + timeout
        while True:
            orders = self.orders_for(email)
            if sum(order["paymentStatus"] == payment_status for order in orders) >= count or time.monotonic() > deadline:
                return orders
            time.sleep(0.3)
