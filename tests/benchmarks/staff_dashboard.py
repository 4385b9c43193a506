"""The staff dashboard with 10,000 paid orders over 30 days in Saleor: server time and Saleor
calls per view (from Server-Timing) with the tiles cached, as most views find them, and with
the cache just emptied, as one view a minute does; and how long the job that records 30 days
of sales from Saleor takes.

    .venv/storefront/bin/python -m tests.benchmarks.staff_dashboard
"""
from __future__ import annotations

import os
import time

import psycopg

from tests.benchmarks.harness import running_stack, time_page
from tests.staff.conftest import signed_in_client

ORDERS = 10_000
REQUESTS = 50


def forget_tiles(shop) -> None:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        db.execute("DELETE FROM storefront_cache WHERE cache_key LIKE '%staff:dashboard:tiles%'")


def measure(shop, client, label: str, *, cold: bool) -> None:
    before_each = (lambda: forget_tiles(shop)) if cold else None
    print(f"{label:<34} {time_page(client, '/staff/', {}, REQUESTS, before_each)}")


def main() -> None:
    os.environ["SERVER_TIMING"] = "1"
    with running_stack() as shop:
        print(shop.saleor_manage("seed_bench_orders", "--count", str(ORDERS)).stdout.strip())
        started = time.perf_counter()
        recorded = shop.storefront_manage("shell", "--no-imports", "-c", (
            "import datetime\nfrom staff.dashboard import sales\nday = sales.shop_today()\n"
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
