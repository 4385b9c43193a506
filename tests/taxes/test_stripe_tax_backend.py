"""The Stripe Tax backend, offline: Saleor's own code (manage.py tax_quote, TAX_BACKEND=stripe_tax)
sends its Tax Calculation to a local server that records the request and answers with a
calculation shaped as Stripe documents it (stripe_tax_responses.py). Checked: the request we
build, how the answer is read, when no call is made, and the fallback to the rates file."""
import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, Optional
from urllib.parse import parse_qsl

import pytest

from deploy.runner.environments import venv_python
from deploy.runner.layout import ROOT, SALEOR_VENV
from deploy.runner.stack import Stack
from tests.taxes import stripe_tax_responses as recorded


class RecordedStripe(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict, dict]] = []
        self.answers: dict[str, dict] = {}
        self.status = 200
        self.body: Optional[bytes] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: RecordedStripe

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        form = dict(parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
        self.server.requests.append((self.path, dict(self.headers), form))
        answer = self.server.answers.get(form.get("customer_details[address][country]", ""))
        body = self.server.body or json.dumps(answer or {"error": {"type": "invalid_request_error",
                                                                    "message": "No such address"}}).encode()
        self.send_response(self.server.status if answer or self.server.body else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stripe_tax() -> Iterator[RecordedStripe]:
    server = RecordedStripe()
    server.answers = {"US": recorded.US_CALIFORNIA, "DE": recorded.EU_GERMANY, "GB": recorded.UK_GREAT_BRITAIN}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def quote(shop: Stack, server: RecordedStripe, *args: str) -> dict:
    env = {**shop.saleor_env(), "TAX_BACKEND": "stripe_tax", "STRIPE_TAX_API_BASE": server.url,
           "STRIPE_SECRET_KEY": "sk_test_recorded"}
    result = subprocess.run([str(venv_python(SALEOR_VENV)), "-m", "django", "tax_quote", *args],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_california_parcel_is_priced_by_the_tax_calculation_stripe_returns(shop: Stack, stripe_tax: RecordedStripe):
    answer = quote(shop, stripe_tax, "US", "--state", "ca", "--postal-code", "94102", "--city", "San Francisco",
                   "--goods", "39.00", "--shipping", "5.00")

    [(path, headers, form)] = stripe_tax.requests
    assert path == "/v1/tax/calculations"
    assert headers["Authorization"] == "Bearer sk_test_recorded" and headers["Stripe-Version"] == "2024-06-20"
    assert form == {
        "currency": "usd",
        "customer_details[address][country]": "US", "customer_details[address][state]": "CA",
        "customer_details[address][postal_code]": "94102", "customer_details[address][city]": "San Francisco",
        "customer_details[address_source]": "shipping",
        "line_items[0][amount]": "3900", "line_items[0][quantity]": "1", "line_items[0][reference]": "QUOTE",
        "line_items[0][tax_behavior]": "exclusive", "line_items[0][tax_code]": "txcd_99999999",
        "shipping_cost[amount]": "500", "shipping_cost[tax_behavior]": "exclusive",
        "shipping_cost[tax_code]": "txcd_92010001",
        "expand[0]": "line_items",
    }
    # State and district rates together (7.25 + 1.75), as Stripe itemizes them; shipping untaxed.
    assert answer == {"tax.backend": "stripe_tax", "tax.market": "US", "tax.label": "CA sales tax 9 %",
                      "tax.rate": "0.09", "tax.duties": "none", "tax.shipping_rate": "0",
                      "goods_tax": "3.51", "shipping_tax": "0.00",
                      # Kept on the order: the Tax Transaction is recorded from it once paid.
                      "tax.calculation": recorded.US_CALIFORNIA["id"]}
    assert int(answer["goods_tax"].replace(".", "")) == recorded.US_CALIFORNIA["tax_amount_exclusive"]


def test_a_state_where_stripe_collects_nothing_pays_nothing(shop: Stack, stripe_tax: RecordedStripe):
    stripe_tax.answers["US"] = recorded.US_TEXAS

    answer = quote(shop, stripe_tax, "US", "--state", "TX", "--postal-code", "78701", "--shipping", "5.00")

    assert len(stripe_tax.requests) == 1
    assert (answer["tax.backend"], answer["tax.label"], answer["tax.rate"], answer["goods_tax"]) == (
        "stripe_tax", "", "0", "0.00")


@pytest.mark.parametrize(
    "country, postal_code, calculation, label, rate",
    [("DE", "10117", recorded.EU_GERMANY, "VAT 19 % (DE)", "0.19"),
     ("GB", "SW1Y 4LB", recorded.UK_GREAT_BRITAIN, "VAT 20 % (GB)", "0.2")],
)
def test_eu_and_uk_parcels_get_the_vat_stripe_calculates(
    shop: Stack, stripe_tax: RecordedStripe, country, postal_code, calculation, label, rate
):
    answer = quote(shop, stripe_tax, country, "--postal-code", postal_code, "--goods", "39.00", "--shipping", "19.00")

    [(_, _, form)] = stripe_tax.requests
    assert form["customer_details[address][country]"] == country and "customer_details[address][state]" not in form
    assert form["shipping_cost[amount]"] == "1900"
    assert answer["tax.backend"] == "stripe_tax" and answer["tax.label"] == label and answer["tax.rate"] == rate
    assert answer["tax.duties"] == "DDP"
    line = calculation["line_items"]["data"][0]
    assert (answer["goods_tax"], answer["shipping_tax"]) == (
        f"{line['amount_tax'] / 100:.2f}", f"{calculation['shipping_cost']['amount_tax'] / 100:.2f}")


@pytest.mark.parametrize(
    "args, market",
    [(("JP", "--goods", "39.00"), "ROW"),  # no tax regime: DAP, nothing to ask
     (("DE", "--goods", "195.00"), "EU"),  # over EUR 150: outside IOSS, DAP
     (("GB", "--goods", "195.00"), "UK")],  # over GBP 135: DAP
)
def test_no_calculation_is_asked_for_where_no_tax_is_collected_at_checkout(shop, stripe_tax, args, market):
    answer = quote(shop, stripe_tax, *args)

    assert stripe_tax.requests == []
    assert (answer["tax.backend"], answer["tax.market"], answer["tax.rate"], answer["tax.duties"]) == (
        "stripe_tax", market, "0", "DAP")


@pytest.mark.parametrize("status, body", [(500, b'{"error": {"type": "api_error", "message": "down"}}'),
                                          (200, b'{"object": "tax.calculation", "line_items": null}')])
def test_a_failed_or_unreadable_calculation_falls_back_to_the_rates_file(shop, stripe_tax, status, body):
    stripe_tax.status, stripe_tax.body = status, body

    answer = quote(shop, stripe_tax, "DE", "--goods", "39.00", "--shipping", "19.00")

    assert len(stripe_tax.requests) >= 1
    assert answer == {"tax.backend": "offline", "tax.market": "EU", "tax.label": "VAT 19 % (DE)", "tax.rate": "0.19",
                      "tax.duties": "DDP", "tax.shipping_rate": "0.19", "goods_tax": "7.41", "shipping_tax": "3.61"}


def test_every_line_of_a_calculation_is_read_with_its_own_rate(shop: Stack, stripe_tax: RecordedStripe):
    # The untaxed line comes first: a reading of the first line alone would tax nothing.
    stripe_tax.answers["US"] = recorded.US_CALIFORNIA_TWO_LINES

    answer = quote(shop, stripe_tax, "US", "--state", "CA", "--postal-code", "94102", "--city", "San Francisco",
                   "--line", "QLC-SERVICE:1:20.00", "--line", "QLC-1:1:39.00", "--shipping", "5.00")

    [(_, _, form)] = stripe_tax.requests
    assert (form["line_items[0][reference]"], form["line_items[0][amount]"]) == ("QLC-SERVICE", "2000")
    assert (form["line_items[1][reference]"], form["line_items[1][amount]"]) == ("QLC-1", "3900")
    assert answer["line_taxes"] == {"QLC-SERVICE": "0.00", "QLC-1": "3.51"}
    assert answer["goods_tax"] == "3.51" == f"{recorded.US_CALIFORNIA_TWO_LINES['tax_amount_exclusive'] / 100:.2f}"
    # The goods rate is the lines' tax over their amount (351 / 5900); no single rate is named.
    assert (answer["tax.rate"], answer["tax.label"]) == ("0.05949", "CA sales tax")
    assert answer["tax.calculation"] == recorded.US_CALIFORNIA_TWO_LINES["id"]
