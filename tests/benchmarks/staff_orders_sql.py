"""Where the staff order list spends its time in Saleor's database: every SQL statement Saleor
runs for the default view and for the e-mail search at 10,000 orders, with its duration, and the
plan of the slowest (EXPLAIN ANALYZE). Run after `staff_orders` (it seeds the orders).

    .venv/storefront/bin/python -m tests.benchmarks.staff_orders_sql
"""
from __future__ import annotations

import re

import psycopg

from tests.benchmarks.harness import running_stack
from tests.staff.conftest import signed_in_client

VIEWS = {"default (needs shipping)": {}, "search: e-mail fragment": {"status": "", "q": "buyer42"}}
LOGGED = re.compile(r"duration: ([\d.]+) ms\s+statement: (.*)")


def main() -> None:
    with running_stack() as shop:
        print(shop.saleor_manage("seed_bench_orders", "--count", "10000").stdout.strip())
        with psycopg.connect(shop.database_url("postgres"), autocommit=True) as db:
            db.execute("ALTER DATABASE saleor SET log_min_duration_statement = 0")
            # Saleor keeps its connections: end them, so the new ones log (Saleor reconnects).
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'saleor'")
        client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
        assert answer.status_code == 302
        log = shop.state.log("postgres")
        try:
            for label, params in VIEWS.items():
                client.get("/staff/orders/", params=params)  # warm
                start = log.stat().st_size
                client.get("/staff/orders/", params=params)
                with log.open() as lines:
                    lines.seek(start)
                    statements = [(float(m.group(1)), m.group(2)) for m in map(LOGGED.search, lines) if m]
                statements = [(ms, sql) for ms, sql in statements if "order" in sql]
                print(f"\n{label}: {len(statements)} statements, {sum(ms for ms, _ in statements):.1f} ms in PostgreSQL")
                for ms, sql in sorted(statements, reverse=True)[:4]:
                    print(f"  {ms:8.2f} ms  {sql[:160]}")
                slowest = max(statements)[1]
                with psycopg.connect(shop.database_url("saleor")) as saleor_db:
                    plan = saleor_db.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest).fetchall()
                print("  plan of the slowest:\n    " + "\n    ".join(row[0] for row in plan))
        finally:
            with psycopg.connect(shop.database_url("postgres"), autocommit=True) as db:
                db.execute("ALTER DATABASE saleor RESET log_min_duration_statement")
            client.close()


if __name__ == "__main__":
    main()
