"""The staff order list with 10,000 orders in Saleor: server time, Saleor calls and SQL queries
per page (from Server-Timing), for a filter and for a search.

    .venv/storefront/bin/python -m tests.benchmarks.staff_orders
"""
from __future__ import annotations

import os

from tests.benchmarks.harness import running_stack, time_page
from tests.staff.conftest import signed_in_client

ORDERS = 10_000
REQUESTS = 50


def measure(client, label: str, params: dict) -> None:
    print(f"{label:<44} {time_page(client, '/staff/orders/', params, REQUESTS)}")


def main() -> None:
    os.environ["SERVER_TIMING"] = "1"
    with running_stack() as shop:
        print(shop.saleor_manage("seed_bench_orders", "--count", str(ORDERS)).stdout.strip())
        client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
        assert answer.status_code == 302, answer.text
        print(f"\nStaff order list, {ORDERS:,}+ orders in Saleor, {REQUESTS} requests each, 20 rows per page")
        measure(client, "default (needs shipping)", {})
        measure(client, "filter: unfulfilled + charged", {"status": "UNFULFILLED", "payment": "FULLY_CHARGED"})
        measure(client, "filter: any status, not charged", {"status": "", "payment": "NOT_CHARGED"})
        measure(client, "search: e-mail fragment", {"status": "", "q": "buyer42"})
        measure(client, "search: last name", {"status": "", "q": "Bench9999"})
        client.close()


if __name__ == "__main__":
    main()
