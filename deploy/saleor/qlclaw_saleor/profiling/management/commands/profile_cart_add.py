"""`python -m django profile_cart_add [--adds 30]`: what Saleor does for one add to cart.

Runs the storefront's own `checkoutLinesAdd` (the same fields it asks for) against Saleor's
GraphQL view in this process, through Django's test client and every middleware, on a fresh
checkout of the QL Claw: SQL queries per add (grouped by table), wall time per add, and the
Python functions that take the time (cProfile). The checkout is deleted afterwards. Prints
figures; changes nothing else.
"""
import cProfile
import io
import json
import pstats
import re
import statistics
import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from saleor.checkout.models import Checkout
from saleor.product.models import ProductVariant

CREATE = """mutation($lines: [CheckoutLineInput]!, $email: String!) {
  checkoutCreate(input: {lines: $lines, email: $email}) { checkout { id token quantity } checkoutErrors { code } } }"""
ADD = """mutation CartLinesAdd($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
  checkoutLinesAdd(checkoutId: $checkoutId, lines: $lines) {
    checkout { token quantity } checkoutErrors { field code message } } }"""
TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"')


class Command(BaseCommand):
    help = "Profile Saleor's checkoutLinesAdd as the storefront calls it (SQL per add, time, hot spots)."

    def add_arguments(self, parser):
        parser.add_argument("--adds", type=int, default=30)
        parser.add_argument("--sku", default="QLC-001")

    def handle(self, *args, adds: int, sku: str, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        variant = ProductVariant.objects.get(sku=sku)
        variant_id = _global_id("ProductVariant", variant.pk)
        created = _post(client, CREATE, {"lines": [{"variantId": variant_id, "quantity": 1}],
                                         "email": "profile@qlclaw.invalid"})
        checkout = created["data"]["checkoutCreate"]["checkout"]
        variables = {"checkoutId": checkout["id"], "lines": [{"variantId": variant_id, "quantity": 1}]}
        try:
            for _ in range(3):  # warm caches (schema, plugins, discounts) as a running Saleor has them
                _post(client, ADD, variables)
            per_add, timings, tables = [], [], Counter()
            profiler = cProfile.Profile()
            for _ in range(adds):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    profiler.enable()
                    answer = _post(client, ADD, variables)
                    profiler.disable()
                    timings.append((time.perf_counter() - started) * 1000)
                errors = answer["data"]["checkoutLinesAdd"]["checkoutErrors"]
                if errors:
                    raise SystemExit(f"Saleor refused the add: {errors}")
                per_add.append(len(queries))
                tables.update(TABLE.search(q["sql"]).group(1) if TABLE.search(q["sql"]) else "other" for q in queries)
        finally:
            Checkout.objects.filter(token=checkout["token"]).delete()
        self.stdout.write(f"checkoutLinesAdd x{adds} in-process (no HTTP server, no network)")
        self.stdout.write(f"  SQL queries per add: {statistics.median(per_add):.0f} (min {min(per_add)}, max {max(per_add)})")
        self.stdout.write(f"  wall time per add:   median {statistics.median(timings):.1f} ms, "
                          f"p95 {sorted(timings)[int(0.95 * (len(timings) - 1))]:.1f} ms")
        self.stdout.write("  queries per add by table:")
        for table, count in tables.most_common(15):
            self.stdout.write(f"    {count / adds:>5.1f}  {table}")
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
        # Saleor's business code only (not the GraphQL engine, middleware or Django's handlers).
        stats.print_stats(r"site-packages/saleor/(checkout|warehouse|product|discount|plugins|core/(prices|taxes))", 20)
        stats.sort_stats("tottime").print_stats(12)
        self.stdout.write("  where the time goes (cumulative in Saleor's checkout/stock/price code, then own time anywhere):")
        self.stdout.write(re.sub(r"\n\s*\n", "\n", out.getvalue()))


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
