"""The staff dashboard with 10,000 paid orders over 30 days in Saleor: server time and Saleor
calls per view (from Server-Timing) with the tiles cached, as most views find them, and with
the cache just emptied, as one view a minute does; and how long the job that records 30 days
of sales from Saleor takes.

    .venv/storefront/bin/python -m tests.benchmarks.staff_dashboard
"""
from __future__ import annotations

import os
import statistics
import time

import psycopg

from tests.benchmarks.checkout import percentile, timing
from tests.benchmarks.harness import running_stack
from tests.staff.conftest import signed_in_client

ORDERS = 10_000
REQUESTS = 50


def forget_tiles(shop) -> None:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        db.execute("DELETE FROM storefront_cache WHERE cache_key LIKE '%staff:dashboard:tiles%'")


def measure(shop, client, label: str, *, cold: bool) -> None:
    client.get("/staff/")  # warm the process
    totals, calls, queries, saleor_ms = [], [], set(), []
    for _ in range(REQUESTS):
        if cold:
            forget_tiles(shop)
        started = time.perf_counter()
        response = client.get("/staff/")
        totals.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        t = timing(response)
        calls.append(int(t["saleor"][0].split()[0]))
        queries.add(t["db"][0])
        saleor_ms.append(t["saleor"][1])
    print(f"{label:<34} median {statistics.median(totals):6.1f} ms   p95 {percentile(totals, 0.95):6.1f} ms   "
          f"Saleor {statistics.median(saleor_ms):6.1f} ms   Saleor calls/view {sorted(set(calls))}   SQL/view {sorted(queries)}")


def main() -> None:
    os.environ["SERVER_TIMING"] = "1"
    with running_stack() as shop:
        print(shop.saleor_manage("seed_bench_orders", "--count", str(ORDERS)).stdout.strip())
        started = time.perf_counter()
        recorded = shop.storefront_manage("shell", "-c", (
            "import datetime\nfrom staff import sales\nday = sales.shop_today()\n"
            "totals = sales.record_sales(day - datetime.timedelta(days=29), day)\n"
            "print(f'{sum(totals.values())} over {len(totals)} days')"
        )).stdout.strip()
        print(f"Recording 30 days of sales from Saleor (the job): {time.perf_counter() - started:.1f} s "
              f"including the manage.py start, {recorded}")
        client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
        assert answer.status_code == 302, answer.text
        print(f"\nStaff dashboard, {ORDERS:,}+ orders in Saleor, {REQUESTS} views each")
        measure(shop, client, "tiles cached (most views)", cold=False)
        measure(shop, client, "tiles cache emptied (1 view/min)", cold=True)
        client.close()


if __name__ == "__main__":
    main()
