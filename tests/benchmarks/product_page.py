"""Product page vs. the Saleor query it needs, 10 concurrent clients, 10 s each.

    .venv/storefront/bin/python -m tests.benchmarks.product_page
"""
from pathlib import Path

from tests.benchmarks.harness import print_row, running_stack, wrk

OPERATIONS = Path(__file__).resolve().parents[2] / "storefront" / "saleor_client" / "operations" / "catalog.graphql"


def main() -> None:
    query = "\n".join(line for line in OPERATIONS.read_text().splitlines() if not line.startswith("#"))
    with running_stack() as shop:
        page = f"http://127.0.0.1:{shop.ports.storefront}/products/ql-claw/"
        wrk(page, seconds=2)  # warm the catalog cache and the connections
        print("\nProduct page benchmark (wrk -t2 -c10 -d10s, loopback, 2 workers each)")
        print_row("storefront GET /products/ql-claw/ (cached)", wrk(page))
        print_row(
            "Saleor POST /graphql/ ProductDetails (direct)",
            wrk(f"{shop.saleor_url}/graphql/", post_json={
                "query": query, "operationName": "ProductDetails",
                "variables": {"slug": "ql-claw", "country": "US"},
            }),
        )


if __name__ == "__main__":
    main()
