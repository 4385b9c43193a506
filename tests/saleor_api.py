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
