"""An order priced by Stripe Tax records the calculation its checkout was charged with, and
makes no calculation of its own. Saleor is restarted for this module with TAX_BACKEND=stripe_tax,
its calculations sent to a local server answering in Stripe's documented shape (a new id for
each), and with a cache that keeps nothing (as when it is down or has dropped the answer): every
calculation Saleor asks for reaches the server and is counted."""
import json
import threading
import uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from urllib.parse import parse_qsl

import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.markets.addresses import ADDRESSES, METHODS, ready_to_pay_in
from tests.saleor_api import SaleorStaffAPI
from tests.taxes import stripe_tax_responses as recorded
from tests.taxes.test_taxes_by_market import method_price


class StripeTaxStandIn(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.calculations: list[tuple[dict, str]] = []  # (the request's form, the id answered)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def of_checkout(self, street: str) -> list[tuple[dict, str]]:
        """The calculations of a checkout's parcels: to its street, with its lines (the prices of
        the shipping methods offered are quoted on their own, without lines)."""
        with self.lock:
            return [(form, id) for form, id in self.calculations
                    if form.get("customer_details[address][line1]") == street and "line_items[0][amount]" in form]


class Handler(BaseHTTPRequestHandler):
    server: StripeTaxStandIn

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        form = dict(parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
        status, answer = 400, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}}
        if self.path == "/v1/tax/calculations":
            with self.server.lock:
                id = f"taxcalc_1QLC{len(self.server.calculations) + 1}"
                self.server.calculations.append((form, id))
            status, answer = 200, recorded.california_for(form, id)
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def stripe_tax(shop: Stack) -> Iterator[StripeTaxStandIn]:
    server = StripeTaxStandIn()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    kept = dict(shop.saleor_settings)
    shop.saleor_settings = {**kept, "TAX_BACKEND": "stripe_tax", "STRIPE_TAX_API_BASE": server.url, "CACHE_URL": "dummy://"}
    shop.stop_saleor()
    try:
        shop.start_saleor()
        yield server
    finally:
        shop.saleor_settings = kept
        shop.stop_saleor()
        shop.start_saleor()
        server.shutdown()
        server.server_close()


def test_the_order_records_the_calculation_its_checkout_was_charged_with_and_asks_for_none(
    shop: Stack, stripe_tax: StripeTaxStandIn, new_buyer, staff_api: SaleorStaffAPI
):
    address = ADDRESSES["US"]
    buyer = new_buyer(f"tax-kept-{uuid.uuid4().hex[:8]}@example.com")
    ready_to_pay_in(buyer, "US")
    token = buyer_checkout_token(buyer)
    checkout = staff_api.execute("query($t: UUID!) { checkout(token: $t) { totalPrice { tax { amount } } } }",
                                 {"t": token})["checkout"]
    priced = stripe_tax.of_checkout(address["street_address_1"])

    paid = buyer.pay(card=GOOD_CARD)

    assert paid.url.path.startswith("/orders/"), paid.text
    [summary] = staff_api.wait_for_orders(buyer.email)
    order = staff_api.execute("query($id: ID!) { order(id: $id) { total { gross { amount } tax { amount } } "
                              "metadata { key value } privateMetadata { key } } }", {"id": summary["id"]})["order"]
    metadata = {item["key"]: item["value"] for item in order["metadata"]}
    # One calculation per parcel the checkout was priced for (the cart at the address, then with
    # its shipping), however often Saleor priced it; paying and making the order asked for none.
    forms = [json.dumps(form, sort_keys=True) for form, _ in priced]
    assert priced and len(forms) == len(set(forms)), [
        (form.get("line_items[0][quantity]"), form["shipping_cost[amount]"], id) for form, id in priced]
    assert stripe_tax.of_checkout(address["street_address_1"]) == priced
    last_form, last_id = priced[-1]
    assert last_form["shipping_cost[amount]"] == str(int(method_price(METHODS["US"]) * 100))
    assert (metadata["tax.backend"], metadata["tax.calculation"], metadata["tax.label"]) == (
        "stripe_tax", last_id, "CA sales tax 9 %")
    assert order["privateMetadata"] == []  # the kept quote is not left on the order
    # The tax charged is that calculation's: 9 % of the goods, shipping untaxed.
    tax = Decimal(str(order["total"]["tax"]["amount"])).quantize(Decimal("0.01"))
    assert tax == Decimal(str(checkout["totalPrice"]["tax"]["amount"])).quantize(Decimal("0.01")) == Decimal("3.51")
    [intent] = intents_of(shop, token)
    assert Decimal(intent.amount) / 100 == Decimal(str(order["total"]["gross"]["amount"]))
