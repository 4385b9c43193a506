"""Stripe Tax transactions, offline: the storefront's own code (its Django, the test stack's
database) queues a job with the order's tax record and with each tax reversal, and the job's
work sends its request to a local server that records it and answers with a tax.transaction
shaped as Stripe documents it. Checked: the form fields, that a retried job sends once (and a
retry after a failed call sends the same Idempotency-Key), and that rates-file orders make no call.

The stack's worker is running, so the snippets take the jobs they check out of the queue in the
transaction that queued them and do the jobs' work themselves, with this server's address."""
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from urllib.parse import parse_qsl

import pytest

from deploy.runner.stack import Stack
from tests.storefront_shell import storefront_python
from tests.taxes import stripe_tax_responses as recorded

CALCULATION = recorded.US_CALIFORNIA["id"]


class RecordedStripe(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict, dict]] = []
        self.failures = 0  # the next requests answered 500

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: RecordedStripe

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        form = dict(parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
        self.server.requests.append((self.path, dict(self.headers), form))
        number = len(self.server.requests)
        status, answer = 400, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}}
        if self.server.failures:
            self.server.failures -= 1
            status, answer = 500, {"error": {"type": "api_error", "message": "down"}}
        elif self.path == "/v1/tax/transactions/create_from_calculation":
            status, answer = 200, recorded.transaction(id=f"tax_1QLC{number}", reference=form["reference"],
                                                       calculation=recorded.US_CALIFORNIA)
        elif self.path == "/v1/tax/transactions/create_reversal":
            status, answer = 200, recorded.transaction(id=f"tax_1QLCR{number}", reference=form["reference"],
                                                       calculation=recorded.US_CALIFORNIA,
                                                       reversal_of=form["original_transaction"])
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stripe_tax() -> Iterator[RecordedStripe]:
    server = RecordedStripe()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


PRELUDE = """
import json
from decimal import Decimal
from django.db import connection, transaction
from markets import stripe_tax
from markets.models import TaxCollected, TaxReversal
from markets.selectors import order_tax
from markets.services import record_tax_collected, record_tax_reversal
from saleor_client.values import Money

def taken_from_queue(order_id):
    # The jobs queued for this order, removed before the commit so the stack's worker never runs them.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs WHERE args->>'order_id' = %s OR (args->>'reversal_id')::int IN "
                       "(SELECT id FROM markets_taxreversal WHERE order_id = %s) RETURNING task_name, args",
                       [order_id, order_id])
        return [[name, json.loads(args) if isinstance(args, str) else args] for name, args in cursor.fetchall()]

def collect(order_id, token, backend, amount="3.51"):
    metadata = {"tax.backend": backend, "tax.market": "US", "tax.label": "CA sales tax 9 %", "tax.rate": "0.09",
                "tax.duties": "none", "tax.calculation": CALCULATION}
    with transaction.atomic():
        record_tax_collected(order_id=order_id, order_token=token, tax=order_tax(
            metadata=metadata, amount=Money(Decimal(amount), "USD"), country="US"))
        return taken_from_queue(order_id)

def reverse(order_id, tax, refunded):
    with transaction.atomic():
        reversal = record_tax_reversal(order_id=order_id, market="US", amount=Decimal(tax), currency="USD",
                                       refunded=Decimal(refunded))
        return reversal.pk, taken_from_queue(order_id)

def attempt(work, **kwargs):
    try:
        return work(**kwargs)
    except Exception as error:
        return type(error).__name__
"""


def run(shop: Stack, server: RecordedStripe, script: str, **names: str) -> dict:
    assignments = "".join(f"{name} = {value!r}\n" for name, value in {"CALCULATION": CALCULATION, **names}.items())
    result = storefront_python(shop, assignments + PRELUDE + script, STRIPE_TAX_KEY="rk_test_recorded",
                               STRIPE_TAX_API_BASE=server.url, STRIPE_TAX_TIMEOUT="5")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def ids() -> tuple[str, str]:
    token = str(uuid.uuid4())
    return f"T3JkZXI6{token[:8]}", token


def test_a_paid_order_priced_by_stripe_tax_is_recorded_once_from_its_calculation(shop, stripe_tax):
    order_id, token = ids()
    stripe_tax.failures = 1

    answer = run(shop, stripe_tax, """
queued = collect(ORDER_ID, TOKEN, "stripe_tax")
tries = [attempt(stripe_tax.record_transaction, order_id=ORDER_ID, reference=ref) for ref in [REFERENCE] * 3]
print(json.dumps({"queued": queued, "tries": tries,
                  "stored": TaxCollected.objects.get(order_id=ORDER_ID).stripe_transaction}))
""", ORDER_ID=order_id, TOKEN=token, REFERENCE=f"order-{token}")

    # Queued in the commit that records the tax collected, for the worker.
    assert answer["queued"] == [["markets.tasks.record_stripe_tax_transaction",
                                 {"order_id": order_id, "reference": f"order-{token}"}]]
    # The first try meets Stripe down and fails (the job is retried); the retry records the
    # transaction; a retry after that sends nothing.
    assert answer["tries"] == ["APIError", "tax_1QLC2", "tax_1QLC2"]
    assert answer["stored"] == "tax_1QLC2"
    assert len(stripe_tax.requests) == 2
    (path, first, form), (_, second, again) = stripe_tax.requests
    assert path == "/v1/tax/transactions/create_from_calculation"
    assert form == again == {"calculation": CALCULATION, "reference": f"order-{token}"}
    assert first["Authorization"] == "Bearer rk_test_recorded" and first["Stripe-Version"] == "2024-06-20"
    assert first["Idempotency-Key"] == second["Idempotency-Key"] == f"qlclaw-tax-order-{token}"


def test_refunds_reverse_the_transaction_in_part_then_once_each(shop, stripe_tax):
    order_id, token = ids()

    answer = run(shop, stripe_tax, """
collect(ORDER_ID, TOKEN, "stripe_tax")
early_id, early_queue = reverse(ORDER_ID, "1.75", "23.75")
early = attempt(stripe_tax.record_reversal, reversal_id=early_id)  # the transaction is not recorded yet
transaction_id = stripe_tax.record_transaction(order_id=ORDER_ID, reference=REFERENCE)
first = [stripe_tax.record_reversal(reversal_id=early_id) for _ in range(2)]
second_id, _ = reverse(ORDER_ID, "1.76", "23.76")
second = stripe_tax.record_reversal(reversal_id=second_id)
refused_id, _ = reverse(ORDER_ID, "0.01", "0.10")
TaxReversal.objects.filter(pk=refused_id).delete()  # Saleor refused that refund: its record is taken back
refused = stripe_tax.record_reversal(reversal_id=refused_id)
print(json.dumps({"early_queue": early_queue, "early_id": early_id, "early": early, "transaction": transaction_id,
                  "first": first, "second": second, "second_id": second_id, "refused": refused}))
""", ORDER_ID=order_id, TOKEN=token, REFERENCE=f"order-{token}")

    assert answer["early_queue"] == [["markets.tasks.reverse_stripe_tax_transaction", {"reversal_id": answer["early_id"]}]]
    assert answer["early"] == "TransactionNotRecorded"  # the job waits for the order's transaction
    transaction_id = answer["transaction"]
    paths = [path for path, _, _ in stripe_tax.requests]
    assert paths == ["/v1/tax/transactions/create_from_calculation"] + ["/v1/tax/transactions/create_reversal"] * 2
    (_, headers, half), (_, _, rest) = stripe_tax.requests[1:]
    # One of two units refunded: half the order (with its tax); the retried job sent nothing.
    assert answer["first"] == ["tax_1QLCR2", "tax_1QLCR2"]
    assert half == {"original_transaction": transaction_id, "reference": f"{transaction_id}-refund-{answer['early_id']}",
                    "mode": "partial", "flat_amount": "-2375"}
    assert headers["Idempotency-Key"] == f"qlclaw-tax-{transaction_id}-refund-{answer['early_id']}"
    # The rest of the tax, after a first refund: partial again, with its own reference.
    assert rest == {"original_transaction": transaction_id, "reference": f"{transaction_id}-refund-{answer['second_id']}",
                    "mode": "partial", "flat_amount": "-2376"}
    assert answer["second"] == "tax_1QLCR3" and answer["refused"] == ""


def test_a_refund_of_all_the_tax_at_once_reverses_the_whole_transaction(shop, stripe_tax):
    order_id, token = ids()

    answer = run(shop, stripe_tax, """
collect(ORDER_ID, TOKEN, "stripe_tax")
transaction_id = stripe_tax.record_transaction(order_id=ORDER_ID, reference=REFERENCE)
reversal_id, _ = reverse(ORDER_ID, "3.51", "47.51")
print(json.dumps({"transaction": transaction_id, "reversal_id": reversal_id,
                  "reversal": stripe_tax.record_reversal(reversal_id=reversal_id),
                  "stored": TaxReversal.objects.get(pk=reversal_id).stripe_transaction}))
""", ORDER_ID=order_id, TOKEN=token, REFERENCE=f"order-{token}")

    (_, _, form) = stripe_tax.requests[-1]
    assert form == {"original_transaction": answer["transaction"], "mode": "full",
                    "reference": f"{answer['transaction']}-refund-{answer['reversal_id']}"}
    assert answer["reversal"] == answer["stored"] == "tax_1QLCR2"


@pytest.mark.parametrize("backend", ["offline", ""])  # the rates file; an order placed before taxes
def test_orders_priced_by_the_rates_file_make_no_stripe_tax_call(shop, stripe_tax, backend):
    order_id, token = ids()

    answer = run(shop, stripe_tax, """
queued = collect(ORDER_ID, TOKEN, BACKEND)
reversal_id, reversal_queue = reverse(ORDER_ID, "1.75", "23.75")
print(json.dumps({"queued": queued + reversal_queue,
                  "transaction": stripe_tax.record_transaction(order_id=ORDER_ID, reference="order-" + TOKEN),
                  "reversal": stripe_tax.record_reversal(reversal_id=reversal_id),
                  "calculation": TaxCollected.objects.get(order_id=ORDER_ID).stripe_calculation}))
""", ORDER_ID=order_id, TOKEN=token, BACKEND=backend)

    # Even with a calculation id in its metadata (Stripe Tax failed and the file priced it).
    assert answer == {"queued": [], "transaction": "", "reversal": "", "calculation": ""}
    assert stripe_tax.requests == []
