"""The shop's qlclawCheckoutLinesAdd answers as Saleor's checkoutLinesAdd does, with fewer
statements, and adds made at the same moment to one cart all count."""
import base64
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

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

    assert seen["cart"] == [8, 3]
    # Saleor's own mutation re-checks the shipping method after the add (42 statements here).
    statements, quantity = seen["with_method"]
    assert statements > 30 and quantity == 3
    assert seen["method_kept"] == {"id": methods[0]["id"]}
