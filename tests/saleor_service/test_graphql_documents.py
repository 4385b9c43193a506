"""Saleor parses and validates each query text once; a bad query still gets its errors."""
import json

import httpx

from deploy.runner.stack import Stack

# Runs inside Saleor (its settings, its schema, Django's test client through every middleware)
# and prints what it saw as one JSON line.
# (`manage.py shell -c` runs it with its names local: imports go inside the function.)
COUNT_VALIDATIONS = r'''
def main():
    import json
    from unittest import mock
    from django.test import Client
    from saleor.graphql.api import schema
    from graphql.backend import get_default_backend
    from qlclaw_saleor.graphql_documents import backend as module

    client = Client(HTTP_HOST="127.0.0.1")
    backend = get_default_backend()
    calls = []
    real_validate = module.validate
    def counting_validate(schema, ast):
        calls.append(1)
        return real_validate(schema, ast)
    def ask(query):
        response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
        return response.status_code, response.json()
    with mock.patch.object(module, "validate", counting_validate):
        good = "query ShopName { shop { name } }  # %s" % id(calls)
        answers = [ask(good), ask(good), ask(good)]
        good_validations = len(calls)
        bad = "{ shop { noSuchField } }"
        before = len(backend)
        bad_answers = [ask(bad), ask(bad)]
        print(json.dumps({
            "backend": type(backend).__name__,
            "good": answers, "good_validations": good_validations,
            "bad": bad_answers, "bad_validations": len(calls) - good_validations,
            "kept_after_bad": len(backend) - before,
        }))

    small = module.ValidatedDocumentBackend(maxsize=2)
    for n in range(5):
        small.document_from_string(schema, "query Q%d { shop { name } }" % n)
    print(json.dumps({"bounded": len(small)}))

main()
'''


def test_a_query_text_is_validated_once_and_a_bad_one_every_time(shop: Stack):
    lines = shop.saleor_manage("shell", "-c", COUNT_VALIDATIONS).stdout.strip().splitlines()
    seen, bounded = json.loads(lines[-2]), json.loads(lines[-1])

    assert seen["backend"] == "ValidatedDocumentBackend"
    assert [status for status, _ in seen["good"]] == [200, 200, 200]
    assert len({json.dumps(body, sort_keys=True) for _, body in seen["good"]}) == 1
    assert seen["good"][0][1]["data"]["shop"]["name"]
    assert seen["good_validations"] == 1

    for status, body in seen["bad"]:
        assert status == 400
        assert "noSuchField" in body["errors"][0]["message"]
    assert seen["bad_validations"] == 2
    assert seen["kept_after_bad"] == 0

    assert bounded["bounded"] == 2


def test_saleor_over_http_answers_the_same_text_again_with_new_variables(shop: Stack):
    # The kept document is executed with each request's own variables.
    query = "query($slug: String!) { product(slug: $slug) { name } }"
    url = f"{shop.saleor_url}/graphql/"
    found = httpx.post(url, json={"query": query, "variables": {"slug": "ql-claw"}}).json()
    missing = httpx.post(url, json={"query": query, "variables": {"slug": "no-such-product"}}).json()
    no_variable = httpx.post(url, json={"query": query})

    assert found["data"]["product"]["name"].startswith("QL Claw")
    assert missing["data"]["product"] is None
    assert no_variable.status_code == 400
    assert "slug" in no_variable.json()["errors"][0]["message"]
