"""What Saleor does for one add to cart, with its own `checkoutLinesAdd` and with the shop's
`qlclawCheckoutLinesAdd`: SQL statements per add (by table), time per
add, and the Saleor functions that take it — Saleor's own `profile_cart_add` command
(deploy/saleor/qlclaw_saleor/profiling/) run against a fresh benchmark stack.

    .venv/storefront/bin/python -m tests.benchmarks.cart_add_profile [--adds 30]
"""
from __future__ import annotations

import argparse

from tests.benchmarks.harness import running_stack


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--adds", type=int, default=30)
    args = parser.parse_args()
    with running_stack() as stack:
        print(stack.saleor_manage("profile_cart_add", "--adds", str(args.adds)).stdout)


if __name__ == "__main__":
    main()
