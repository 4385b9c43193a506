"""`python -m django profile_cart_add [--adds 30]`: what Saleor does for one add to cart.

Runs Saleor's own `checkoutLinesAdd` and the shop's `qlclawCheckoutLinesAdd` (what the storefront
calls; qlclaw_saleor/cart/), with the fields the storefront asks for, against the GraphQL view in
this process, through Django's test client and every middleware, each on a fresh checkout of the
QL Claw: SQL statements per add (grouped by table), wall time per add (profiler off), each
statement of one add with the function that sent it, and the Python functions that take the
time (cProfile). The checkouts are deleted afterwards. Prints figures; changes nothing else.
"""
import cProfile
import io
import json
import pstats
import re
import statistics
import time
import traceback
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.product.models import ProductVariant

CREATE = """mutation($lines: [CheckoutLineInput]!, $email: String!) {
  checkoutCreate(input: {lines: $lines, email: $email}) { checkout { id token quantity } checkoutErrors { code } } }"""
ADD = """mutation CartLinesAdd($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
  %s(checkoutId: $checkoutId, lines: $lines) {
    checkout { token quantity } checkoutErrors { field code message } } }"""
MUTATIONS = ["checkoutLinesAdd", "qlclawCheckoutLinesAdd"]
TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"')
# Where an add's time is spent: Saleor's checkout/stock/price code and the shop's mutation, not
# the GraphQL engine, middleware or Django's handlers.
BUSINESS_CODE = r"(site-packages/saleor/(checkout|warehouse|product|discount|plugins|core/(prices|taxes))|qlclaw_saleor/cart)"


class Command(BaseCommand):
    help = "Profile checkoutLinesAdd and the shop's qlclawCheckoutLinesAdd (SQL per add, time, hot spots)."

    def add_arguments(self, parser):
        parser.add_argument("--adds", type=int, default=30)
        parser.add_argument("--sku", default="QLC-001")

    def handle(self, *args, adds: int, sku: str, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        variant_id = _global_id("ProductVariant", ProductVariant.objects.get(sku=sku).pk)
        for mutation in MUTATIONS:
            self._profile(client, mutation, variant_id, adds)

    def _profile(self, client: Client, mutation: str, variant_id: str, adds: int) -> None:
        line = [{"variantId": variant_id, "quantity": 1}]
        created = _post(client, CREATE, {"lines": line, "email": "profile@qlclaw.invalid"})
        checkout = created["data"]["checkoutCreate"]["checkout"]
        query, variables = ADD % mutation, {"checkoutId": checkout["id"], "lines": line}
        try:
            # Each add finds one unit in the line (put back outside the timing): the same work
            # every time, and the line never reaches the 50-unit cap.
            lines = CheckoutLine.objects.filter(checkout__token=checkout["token"])
            for _ in range(3):  # warm caches (schema, plugins, discounts) as a running Saleor has them
                lines.update(quantity=1)
                _add(client, query, mutation, variables)
            # Timed without the profiler (it would double the time), then profiled, then one add
            # with each statement and the function that sent it.
            per_add, timings, tables = [], [], Counter()
            for _ in range(adds):
                lines.update(quantity=1)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    _add(client, query, mutation, variables)
                    timings.append((time.perf_counter() - started) * 1000)
                per_add.append(len(queries))
                tables.update(TABLE.search(q["sql"]).group(1) if TABLE.search(q["sql"]) else "other" for q in queries)
            profiler = cProfile.Profile()
            for _ in range(adds):
                lines.update(quantity=1)
                profiler.enable()
                _add(client, query, mutation, variables)
                profiler.disable()
            statements = []
            lines.update(quantity=1)
            with connection.execute_wrapper(_StatementRecorder(statements)):
                _add(client, query, mutation, variables)
        finally:
            Checkout.objects.filter(token=checkout["token"]).delete()
        self.stdout.write(f"\n{mutation} x{adds} in-process (no HTTP server, no network)")
        self.stdout.write(f"  SQL statements per add: {statistics.median(per_add):.0f} (min {min(per_add)}, max {max(per_add)})")
        self.stdout.write(f"  wall time per add:      median {statistics.median(timings):.1f} ms, "
                          f"p95 {sorted(timings)[int(0.95 * (len(timings) - 1))]:.1f} ms (profiler off)")
        self.stdout.write("  statements per add by table:")
        for table, count in tables.most_common(15):
            self.stdout.write(f"    {count / adds:>5.1f}  {table}")
        self.stdout.write("  the statements of one add, each with the function that sent it:")
        for number, (caller, sql) in enumerate(statements, 1):
            self.stdout.write(f"    {number:>2}. {caller:<58} {sql[:90]}")
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        stats.print_stats(BUSINESS_CODE, 20)
        stats.sort_stats("tottime").print_stats(12)
        self.stdout.write("  where the time goes (profiler on; cumulative in the checkout/stock/price code, "
                          "then own time anywhere):")
        self.stdout.write(re.sub(r"\n\s*\n", "\n", out.getvalue()))


class _StatementRecorder:
    """A Django execute wrapper that notes each statement and the innermost frame of Saleor's
    or the shop's code (outside the GraphQL view) that led to it."""

    def __init__(self, statements: list):
        self.statements = statements

    def __call__(self, execute, sql, params, many, context):
        caller = "?"
        for frame in reversed(traceback.extract_stack()):
            where = frame.filename.partition("site-packages/saleor/")[2] or frame.filename.partition("qlclaw_saleor/")[2]
            if where and where != "graphql/views.py" and not where.startswith("profiling/"):
                caller = f"{where}:{frame.lineno} {frame.name}"
                break
        self.statements.append((caller, " ".join(sql.split())))
        return execute(sql, params, many, context)


def _add(client: Client, query: str, mutation: str, variables: dict) -> None:
    errors = _post(client, query, variables)["data"][mutation]["checkoutErrors"]
    if errors:
        raise SystemExit(f"Saleor refused the add: {errors}")


def _global_id(kind: str, pk: int) -> str:
    import base64

    return base64.b64encode(f"{kind}:{pk}".encode()).decode()


def _post(client: Client, query: str, variables: dict) -> dict:
    response = client.post("/graphql/", json.dumps({"query": query, "variables": variables}),
                           content_type="application/json")
    body = response.json()
    if body.get("errors"):
        raise SystemExit(f"GraphQL errors: {body['errors']}")
    return body
