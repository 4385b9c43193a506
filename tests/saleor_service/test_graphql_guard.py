"""Saleor's private API refuses what the storefront never sends, before any resolver runs:
batches (CVE-2026-33756), alias floods (CVE-2026-35401), huge or deep queries, and
introspection outside a developer's own stack."""
from __future__ import annotations

import httpx

from deploy.runner.stack import Stack

PRODUCTS = "products(first: 100) { edges { node { id name } } }"


def post(shop: Stack, body, **kwargs) -> httpx.Response:
    return httpx.post(f"{shop.saleor_url}/graphql/", json=body, timeout=30, **kwargs)


def refusal(response: httpx.Response) -> str:
    return response.json()["errors"][0]["message"]


def test_a_batch_of_1000_queries_is_refused(shop: Stack):
    answer = post(shop, [{"query": "{ shop { name } }"}] * 1000)

    assert answer.status_code == 400
    assert refusal(answer) == "Batched queries are not accepted: send one operation per request"


def test_500_aliases_of_an_expensive_field_are_refused(shop: Stack):
    query = "{ " + " ".join(f"a{i}: {PRODUCTS}" for i in range(500)) + " }"

    answer = post(shop, {"query": query})

    assert answer.status_code == 400 and refusal(answer) == "More than 20 aliases in one request"
    assert answer.elapsed.total_seconds() < 1  # Saleor took 4.5 s to resolve them


def test_a_huge_body_and_a_deep_query_are_refused(shop: Stack):
    huge = post(shop, {"query": "{ shop { name } }", "variables": {"padding": "x" * 100_000}})
    deep = post(shop, {"query": "{ " + "products(first: 1) { edges { node { category { " * 4 + "id" + " } } } }" * 4 + " }"})

    assert huge.status_code == 413 and refusal(huge).startswith("Request body over")
    assert deep.status_code == 400 and refusal(deep) == "Query nested more than 12 levels deep"


def test_one_ordinary_query_still_answers(shop: Stack):
    answer = post(shop, {"query": "{ a: shop { name } b: " + PRODUCTS + " }"})

    assert answer.status_code == 200 and answer.json()["data"]["a"]["name"]


INTROSPECT_AS_PRODUCTION = r'''
from django.test import Client, override_settings
with override_settings(GRAPHQL_INTROSPECTION=False):
    answer = Client(HTTP_HOST="127.0.0.1").post(
        "/graphql/", '{"query": "{ __schema { types { name } } }"}', content_type="application/json")
print(answer.status_code, answer.content.decode())
'''


def test_introspection_is_refused_outside_a_developers_stack(shop: Stack):
    output = shop.saleor_manage("shell", "-c", INTROSPECT_AS_PRODUCTION).stdout

    assert output.strip().splitlines()[-1] == '400 {"errors": [{"message": "Introspection is off"}]}'
