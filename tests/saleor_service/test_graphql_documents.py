"""Saleor parses and validates each query text once; a bad query still gets its errors."""
import json

from deploy.runner.stack import Stack

# Runs inside Saleor (its settings, its schema, Django's test client through every middleware)
# and prints what it saw as one JSON line.
# (`manage.py shell -c` runs it with its names local: imports go inside the function.)
COUNT_VALIDATIONS = r'''
def main():
    import json
    from unittest import mock
    from django.test import Client
    from graphql.backend import core, get_default_backend
    from saleor.graphql.api import schema
    from qlclaw_saleor.graphql_documents import backend as module

    client = Client(HTTP_HOST="127.0.0.1")
    backend = get_default_backend()
    calls = []
    real_validate = module.validate
    def counting_validate(schema, ast):
        calls.append(1)
        return real_validate(schema, ast)
    def ask(query, variables=None):
        response = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                               content_type="application/json")
        return response.status_code, response.json()
    # Both places that validate: the kept document's first check and graphql-core's own path.
    with mock.patch.object(module, "validate", counting_validate), mock.patch.object(core, "validate", counting_validate):
        good = "query Product($slug: String!) { product(slug: $slug) { name } }  # %s" % id(calls)
        answers = [ask(good, {"slug": "ql-claw"}), ask(good, {"slug": "ql-claw"}), ask(good, {"slug": "no-such-product"}),
                   ask(good, {})]
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
    small.document_from_string(schema, "query Long { shop { name } } #" + "x" * module.LONGEST_TEXT_KEPT)
    print(json.dumps({"bounded": len(small)}))

main()
'''


def test_a_query_text_is_validated_once_and_a_bad_one_every_time(shop: Stack):
    lines = shop.saleor_manage("shell", "-c", COUNT_VALIDATIONS).stdout.strip().splitlines()
    seen, bounded = json.loads(lines[-2]), json.loads(lines[-1])

    assert seen["backend"] == "ValidatedDocumentBackend"
    found, again, missing, no_variable = seen["good"]
    assert found == again and found[0] == 200
    assert found[1]["data"]["product"]["name"].startswith("QL Claw")
    # The kept document runs with each request's own variables, and still checks them.
    assert missing == [200, {"data": {"product": None}}]
    assert no_variable[0] == 400 and "slug" in no_variable[1]["errors"][0]["message"]
    assert seen["good_validations"] == 1

    for status, body in seen["bad"]:
        assert status == 400
        assert "noSuchField" in body["errors"][0]["message"]
    assert seen["bad_validations"] == 2
    assert seen["kept_after_bad"] == 0

    # At most maxsize texts, and none longer than any the storefront sends.
    assert bounded["bounded"] == 2
