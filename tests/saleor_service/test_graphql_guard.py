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


# Fragments are counted each time they are spread, so moving the flood into a fragment changes nothing.
TEN_NAMES = "fragment TenNames on Product { " + " ".join(f"n{i}: name" for i in range(10)) + " }"
NODES = "fragment Nodes on ProductCountableConnection { edges { node { ...TenNames } } }"


def test_aliases_hidden_in_a_fragment_spread_many_times_are_counted_per_spread(shop: Stack):
    # 5 aliases in the query and 10 in the fragment: 15 if the fragment were counted once, 55 as executed.
    query = "{ " + " ".join(f"p{i}: products(first: 100) {{ ...Nodes }}" for i in range(5)) + " } " + NODES + " " + TEN_NAMES

    answer = post(shop, {"query": query})

    assert answer.status_code == 400 and refusal(answer) == "More than 20 aliases in one request"
    assert answer.elapsed.total_seconds() < 1


def test_a_fragment_bomb_of_nested_spreads_is_refused_before_saleor_validates_it(shop: Stack):
    # Each level spreads the one below ten times: 10^11 fields once expanded, a few hundred bytes sent.
    levels = ["fragment L0 on Query { shop { name description } }"]
    levels += [f"fragment L{n} on Query {{ " + " ".join([f"...L{n - 1}"] * 10) + " }" for n in range(1, 12)]
    query = "{ ...L11 } " + " ".join(levels)

    answer = post(shop, {"query": query})

    assert answer.status_code == 400 and refusal(answer) == "More than 500 fields in one request"
    assert answer.elapsed.total_seconds() < 1


def test_a_fragment_that_spreads_itself_is_refused_in_words(shop: Stack):
    query = "{ products(first: 1) { edges { node { ...Loop } } } } fragment Loop on Product { category { products(first: 1) { edges { node { ...Loop } } } } }"

    answer = post(shop, {"query": query})

    assert answer.status_code == 400 and refusal(answer) == "Fragment Loop spreads itself"


def test_a_query_with_ordinary_fragments_still_answers(shop: Stack):
    query = "{ products(first: 2) { ...Nodes } } " + NODES + " " + TEN_NAMES  # 10 aliases as executed

    answer = post(shop, {"query": query})

    assert answer.status_code == 200, answer.text
    first = answer.json()["data"]["products"]["edges"][0]["node"]
    assert len(first) == 10 and len(set(first.values())) == 1


def test_a_multipart_upload_is_refused_before_django_parses_it(shop: Stack):
    # Django 3.0's multipart parser loops on some inputs and counts no parts (CVE-2022-23833,
    # CVE-2023-24580); the storefront never uploads, so no multipart body reaches it.
    answer = httpx.post(f"{shop.saleor_url}/graphql/", timeout=30,
                        data={"operations": '{"query": "{ shop { name } }"}', "map": "{}"},
                        files=[(f"f{i}", (f"{i}.txt", b"x")) for i in range(200)])

    assert answer.status_code == 415 and refusal(answer) == "File uploads are not accepted"


def test_an_alias_flood_sent_as_application_graphql_or_as_a_form_is_refused_too(shop: Stack):
    # Saleor runs queries in these formats too; the guard measures JSON only, so it lets only JSON in.
    query = "{ " + " ".join(f"a{i}: {PRODUCTS}" for i in range(500)) + " }"
    as_graphql = httpx.post(f"{shop.saleor_url}/graphql/", content=query, timeout=30,
                            headers={"Content-Type": "application/graphql"})
    as_form = httpx.post(f"{shop.saleor_url}/graphql/", data={"query": query}, timeout=30)

    for answer in (as_graphql, as_form):
        assert answer.status_code == 415 and refusal(answer) == "Send GraphQL queries as application/json"
        assert answer.elapsed.total_seconds() < 1
