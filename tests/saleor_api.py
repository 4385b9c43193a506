"""Talking to Saleor's staff GraphQL API from tests, as the shop admin would."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

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
        response = httpx.post(self.url, json={"query": query, "variables": variables or {}}, headers=headers, timeout=30)
        response.raise_for_status()
        body = response.json()
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

    def variant_stock(self, sku: str) -> tuple[str, str, int]:
        """(variant id, warehouse id, quantity) of a SKU's only stock."""
        data = self.execute(
            "query($sku: String!) { productVariants(first: 1, filter: {sku: [$sku]}) { edges { node { id "
            "stocks { warehouse { id } quantity quantityAllocated } } } } }",
            {"sku": sku},
        )
        node = data["productVariants"]["edges"][0]["node"]
        stock = node["stocks"][0]
        return node["id"], stock["warehouse"]["id"], stock["quantity"]

    def set_stock(self, sku: str, quantity: int) -> None:
        variant_id, warehouse_id, _ = self.variant_stock(sku)
        data = self.execute(
            "mutation($v: ID!, $w: ID!, $q: Int!) { productVariantStocksUpdate(variantId: $v, "
            "stocks: [{warehouse: $w, quantity: $q}]) { bulkStockErrors { field message } } }",
            {"v": variant_id, "w": warehouse_id, "q": quantity},
        )
        assert data["productVariantStocksUpdate"]["bulkStockErrors"] == [], data

    def orders_for(self, email: str) -> list[dict]:
        data = self.execute(
            "query($s: String!) { orders(first: 50, filter: {search: $s}) { edges { node { id number token "
            "userEmail status paymentStatus total { gross { amount } } "
            "payments { chargeStatus capturedAmount { amount } total { amount } } } } } }",
            {"s": email},
        )
        return [edge["node"] for edge in data["orders"]["edges"] if edge["node"]["userEmail"] == email]
