"""The shop's qlclawCheckoutLinesAdd answers as Saleor's checkoutLinesAdd does, with fewer
statements, and adds made at the same moment to one cart all count."""
import base64
import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from deploy.runner.stack import Stack
from tests.saleor_api import SaleorStaffAPI

ADD = """mutation($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
  %s(checkoutId: $checkoutId, lines: $lines) {
    checkout { quantity lines { quantity } } checkoutErrors { field code message } } }"""
CREATE = """mutation($lines: [CheckoutLineInput]!) {
  checkoutCreate(input: {lines: $lines, email: "cart-add@example.com"}) { checkout { id token } checkoutErrors { code } } }"""
US_ADDRESS = {"firstName": "Ada", "lastName": "Buyer", "streetAddress1": "1 Main Street", "city": "Springfield",
              "postalCode": "62701", "country": "US", "countryArea": "IL"}


class Saleor:
    """Anonymous calls, as the storefront makes them."""

    def __init__(self, shop: Stack):
        self.url = f"{shop.saleor_url}/graphql/"

    def call(self, query: str, variables: dict) -> dict:
        body = httpx.post(self.url, json={"query": query, "variables": variables}, timeout=30).json()
        assert "errors" not in body, body
        return body["data"]

    def new_checkout(self, variant_id: str, quantity: int = 1) -> str:
        created = self.call(CREATE, {"lines": [{"variantId": variant_id, "quantity": quantity}]})["checkoutCreate"]
        assert created["checkoutErrors"] == []
        return created["checkout"]["id"]

    def add(self, mutation: str, checkout_id: str, variant_id: str, quantity: int) -> tuple:
        answer = self.call(ADD % mutation, {"checkoutId": checkout_id,
                                            "lines": [{"variantId": variant_id, "quantity": quantity}]})[mutation]
        errors = [(e["field"], e["code"], e["message"]) for e in answer["checkoutErrors"]]
        quantity = answer["checkout"]["quantity"] if answer["checkout"] else None
        return quantity, errors


def test_the_shops_add_answers_every_case_as_saleors_own(shop: Stack, staff_api: SaleorStaffAPI, stock):
    stock(5)
    variant_id, _, _, _ = staff_api.variant_stock("QLC-001")
    saleor = Saleor(shop)
    checkouts = {mutation: saleor.new_checkout(variant_id) for mutation in ("checkoutLinesAdd", "qlclawCheckoutLinesAdd")}
    # In the cart already: 1 of the 5 on sale.
    steps = [2, 0, 3, 6, 51, -1, 2, 1]
    answers = {
        mutation: [saleor.add(mutation, checkout_id, variant_id, quantity) for quantity in steps]
        for mutation, checkout_id in checkouts.items()
    }

    assert answers["qlclawCheckoutLinesAdd"] == answers["checkoutLinesAdd"]
    ours = answers["qlclawCheckoutLinesAdd"]
    assert [quantity for quantity, _ in ours] == [3, 3, None, None, None, None, 5, None]
    codes = [[code for _, code, _ in errors] for _, errors in ours]
    assert codes == [[], [], ["INSUFFICIENT_STOCK"], ["INSUFFICIENT_STOCK"], ["QUANTITY_GREATER_THAN_LIMIT"],
                     ["ZERO_QUANTITY"], [], ["INSUFFICIENT_STOCK"]]
    assert "Only 5 remaining in stock" in ours[3][1][0][2]


def test_an_unknown_cart_or_variant_is_named_in_the_error(shop: Stack, staff_api: SaleorStaffAPI):
    variant_id, _, _, _ = staff_api.variant_stock("QLC-001")
    saleor = Saleor(shop)
    gone = base64.b64encode(f"Checkout:{uuid.uuid4()}".encode()).decode()
    not_a_token = base64.b64encode(b"Checkout:not-a-uuid").decode()
    checkout_id = saleor.new_checkout(variant_id)
    no_variant = base64.b64encode(b"ProductVariant:999999").decode()

    # The storefront starts a new cart when the error names checkoutId (an order was placed).
    for mutation in ("checkoutLinesAdd", "qlclawCheckoutLinesAdd"):
        assert saleor.add(mutation, gone, variant_id, 1)[1][0][:2] == ("checkoutId", "NOT_FOUND")
    assert saleor.add("qlclawCheckoutLinesAdd", not_a_token, variant_id, 1)[1][0][:2] == ("checkoutId", "NOT_FOUND")
    # Base64 without a colon, or nothing: Saleor's own mutation fails with a bare GraphQL error.
    for malformed in ("Zm9v", ""):
        assert saleor.add("qlclawCheckoutLinesAdd", malformed, variant_id, 1)[1][0][:2] == ("checkoutId", "NOT_FOUND")
        assert saleor.add("qlclawCheckoutLinesAdd", checkout_id, malformed, 1)[1][0][:2] == ("variantId", "NOT_FOUND")
    # Saleor says GRAPHQL_ERROR for a variant it cannot find; the shop's add says NOT_FOUND.
    assert saleor.add("qlclawCheckoutLinesAdd", checkout_id, no_variant, 1)[1][0][:2] == ("variantId", "NOT_FOUND")
    assert saleor.add("qlclawCheckoutLinesAdd", checkout_id, checkout_id, 1)[1][0][:2] == ("variantId", "INVALID")


def test_adds_at_the_same_moment_to_one_cart_all_count(shop: Stack, staff_api: SaleorStaffAPI, stock):
    stock(50)
    variant_id, _, _, _ = staff_api.variant_stock("QLC-001")
    saleor = Saleor(shop)
    checkout_id = saleor.new_checkout(variant_id)

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: saleor.add("qlclawCheckoutLinesAdd", checkout_id, variant_id, 1), range(10)))

    assert all(errors == [] for _, errors in answers)
    final = saleor.add("qlclawCheckoutLinesAdd", checkout_id, variant_id, 0)[0]
    assert final == 11
    assert sorted(quantity for quantity, _ in answers) == list(range(2, 12))


# Runs inside Saleor with Django's test client, counting the statements of each add.
COUNT_STATEMENTS = r'''
def main():
    import json
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    def call(query, variables):
        body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                           content_type="application/json").json()
        assert "errors" not in body, body
        return body["data"]
    def add(checkout_id):
        with CaptureQueriesContext(connection) as statements:
            answer = call(ADD % "qlclawCheckoutLinesAdd", {"checkoutId": checkout_id, "lines": [{"variantId": VARIANT, "quantity": 1}]})
        assert answer["qlclawCheckoutLinesAdd"]["checkoutErrors"] == [], answer
        return len(statements), answer["qlclawCheckoutLinesAdd"]["checkout"]["quantity"]
    cart = CHECKOUTS["cart"]
    add(cart)  # warm up
    with_method = CHECKOUTS["with_method"]
    add(with_method)
    after = call("query($t: UUID!) { checkout(token: $t) { shippingMethod { id } } }", {"t": TOKEN})
    print(json.dumps({"cart": add(cart), "with_method": add(with_method),
                      "method_kept": after["checkout"]["shippingMethod"]}))

main()
'''


def test_a_cart_with_a_shipping_method_is_added_to_by_saleors_own_mutation(shop: Stack, staff_api: SaleorStaffAPI):
    variant_id, _, _, _ = staff_api.variant_stock("QLC-001")
    saleor = Saleor(shop)
    cart = saleor.new_checkout(variant_id)
    with_method = saleor.new_checkout(variant_id)
    token = base64.b64decode(with_method).decode().split(":")[1]
    methods = saleor.call(
        "mutation($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(checkoutId: $id, shippingAddress: $a) "
        "{ checkout { availableShippingMethods { id } } checkoutErrors { code } } }",
        {"id": with_method, "a": US_ADDRESS},
    )["checkoutShippingAddressUpdate"]["checkout"]["availableShippingMethods"]
    chosen = saleor.call(
        "mutation($id: ID!, $m: ID!) { checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $m) "
        "{ checkoutErrors { code } } }", {"id": with_method, "m": methods[0]["id"]},
    )
    assert chosen["checkoutShippingMethodUpdate"]["checkoutErrors"] == []

    # The storefront asks for the cart's token and item count only.
    storefront_add = ADD.replace("lines { quantity } ", "token ")
    script = (COUNT_STATEMENTS.replace("ADD %", repr(storefront_add) + " %").replace("VARIANT", repr(variant_id))
              .replace("CHECKOUTS", repr({"cart": cart, "with_method": with_method})).replace("TOKEN", repr(token)))
    seen = json.loads(shop.saleor_manage("shell", "-c", script).stdout.strip().splitlines()[-1])

    assert seen["cart"] == [9, 3]
    # Saleor's own mutation re-checks the shipping method after the add (42 statements here).
    statements, quantity = seen["with_method"]
    assert statements > 30 and quantity == 3
    assert seen["method_kept"] == {"id": methods[0]["id"]}


# Runs inside Saleor: each case is set up, both mutations are asked, and all of it is rolled
# back, so the shared test shop's catalog is left as it was.
CASES = r'''
def main():
    import base64, json
    from django.db import transaction
    from django.test import Client
    from saleor.checkout.models import Checkout, CheckoutLine
    from saleor.product.models import Product, ProductVariant
    from saleor.warehouse.models import Stock

    client = Client(HTTP_HOST="127.0.0.1")
    def global_id(kind, pk):
        return base64.b64encode(("%s:%s" % (kind, pk)).encode()).decode()

    def unpublished(variant, checkout):
        Product.objects.filter(pk=variant.product_id).update(is_published=False)
    def untracked_and_none_on_the_shelf(variant, checkout):
        ProductVariant.objects.filter(pk=variant.pk).update(track_inventory=False)
        Stock.objects.filter(product_variant=variant).update(quantity=0)
    def no_warehouse_for_the_country(variant, checkout):
        Stock.objects.filter(product_variant=variant).delete()
    def a_voucher_code_on_the_cart(variant, checkout):
        Checkout.objects.filter(pk=checkout.pk).update(voucher_code="GONE-VOUCHER")
    def forty_in_the_cart_and_plenty_on_the_shelf(variant, checkout):
        Stock.objects.filter(product_variant=variant).update(quantity=100000)
        CheckoutLine.objects.filter(checkout=checkout).update(quantity=40)
        Checkout.objects.filter(pk=checkout.pk).update(quantity=40)

    class RolledBack(Exception):
        pass

    seen = {}
    for case in (unpublished, untracked_and_none_on_the_shelf, no_warehouse_for_the_country,
                 a_voucher_code_on_the_cart, forty_in_the_cart_and_plenty_on_the_shelf):
        for mutation in ("checkoutLinesAdd", "qlclawCheckoutLinesAdd"):
            try:
                with transaction.atomic():
                    variant = ProductVariant.objects.get(sku="QLC-001")
                    Stock.objects.filter(product_variant=variant).update(quantity=10000)
                    checkout = Checkout.objects.create(email="cases@example.com", country="US")
                    CheckoutLine.objects.create(checkout=checkout, variant=variant, quantity=1)
                    Checkout.objects.filter(pk=checkout.pk).update(quantity=1)
                    case(variant, checkout)
                    query = ADD % mutation
                    variables = {"checkoutId": global_id("Checkout", checkout.token),
                                 "lines": [{"variantId": global_id("ProductVariant", variant.pk), "quantity": 20}]}
                    body = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                                       content_type="application/json").json()
                    answer = body["data"][mutation]
                    seen.setdefault(case.__name__, {})[mutation] = {
                        "quantity": answer["checkout"]["quantity"] if answer["checkout"] else None,
                        "errors": [[e["field"], e["code"], e["message"]] for e in answer["checkoutErrors"]],
                        "voucher": Checkout.objects.get(pk=checkout.pk).voucher_code,
                    }
                    raise RolledBack
            except RolledBack:
                pass
    print(json.dumps(seen))

main()
'''


def test_the_shops_add_answers_as_saleors_for_carts_and_products_in_every_state(shop: Stack):
    seen = json.loads(shop.saleor_manage("shell", "-c", CASES.replace("ADD %", repr(ADD) + " %")).stdout.strip().splitlines()[-1])

    for case in ("unpublished", "untracked_and_none_on_the_shelf", "no_warehouse_for_the_country",
                 "a_voucher_code_on_the_cart"):
        assert seen[case]["qlclawCheckoutLinesAdd"] == seen[case]["checkoutLinesAdd"], case
    assert seen["unpublished"]["checkoutLinesAdd"]["errors"][0][1] == "PRODUCT_NOT_PUBLISHED"
    # Not tracked: nothing on the shelf is fine, but it must be stocked for the country.
    assert seen["untracked_and_none_on_the_shelf"]["checkoutLinesAdd"]["quantity"] == 21
    assert seen["no_warehouse_for_the_country"]["checkoutLinesAdd"]["errors"][0][:2] == ["quantity", "INSUFFICIENT_STOCK"]
    # A cart with a voucher goes to Saleor's own mutation, which drops a voucher it cannot find.
    assert seen["a_voucher_code_on_the_cart"]["qlclawCheckoutLinesAdd"] == {"quantity": 21, "errors": [], "voucher": None}
    # 40 + 20: Saleor lets the line grow past 50; the shop's add keeps its promise.
    assert seen["forty_in_the_cart_and_plenty_on_the_shelf"]["checkoutLinesAdd"]["quantity"] == 60
    assert seen["forty_in_the_cart_and_plenty_on_the_shelf"]["qlclawCheckoutLinesAdd"]["errors"][0][:2] == [
        "quantity", "QUANTITY_GREATER_THAN_LIMIT"]


PRINT_SCHEMA = r'''
def main():
    from qlclaw_saleor.cart.schema import schema
    print(str(schema))

main()
'''
EXTENSION = Path(__file__).resolve().parents[2] / "deploy" / "saleor" / "qlclaw_saleor" / "cart" / "schema.graphql"


def test_the_schema_codegen_reads_is_the_one_saleor_serves(shop: Stack):
    served = shop.saleor_manage("shell", "-c", PRINT_SCHEMA).stdout
    extension = EXTENSION.read_text()
    field = re.search(r"extend type Mutation \{\n(.*)\n\}", extension).group(1)
    payload = re.search(r"type QlclawCheckoutLinesAdd \{.*?\n\}", extension, re.S).group(0)

    served_mutation = re.search(r"^type Mutation \{\n.*?\n\}", served, re.S | re.M).group(0)
    assert field in served_mutation.splitlines()
    assert re.search(r"^type QlclawCheckoutLinesAdd \{.*?\n\}", served, re.S | re.M).group(0) == payload
    # And /graphql/ serves it (introspection, as any client sees it).
    introspected = httpx.post(f"{shop.saleor_url}/graphql/", json={
        "query": '{ __type(name: "Mutation") { fields { name args { name } type { name } } } }'}).json()
    fields = {f["name"]: f for f in introspected["data"]["__type"]["fields"]}
    assert fields["qlclawCheckoutLinesAdd"]["type"]["name"] == "QlclawCheckoutLinesAdd"
    assert [a["name"] for a in fields["qlclawCheckoutLinesAdd"]["args"]] == ["checkoutId", "lines"]
    # Nothing else of Saleor's is changed: its own mutation is still there.
    assert "  checkoutLinesAdd(checkoutId: ID!, lines: [CheckoutLineInput]!): CheckoutLinesAdd" in served_mutation
