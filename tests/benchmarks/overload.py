"""A launch-day crowd on the storefront alone (loopback, 10 s a run): the cart page with a cart,
the order lookup form and the product page at 200 and 500 connections; answers split into
pages, 503s (with Retry-After) and other failures, time-outs, p99, and how long after each run
/healthz answers again. Then the bytes on the wire of the hub, product page, CSS and JS,
compressed and not. Prints figures; asserts nothing.

    .venv/storefront/bin/python -m tests.benchmarks.overload
"""
from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import httpx

from deploy.runner.layout import ROOT
from tests.benchmarks.harness import running_stack
from tests.checkout.buyer import Buyer

SCRIPT = Path(__file__).with_name("wrk_status_report.lua")
SECONDS = 10


def wrk(url: str, connections: int, cookie: str = "") -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{SECONDS}s", "--timeout", "5s", "-s", str(SCRIPT), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def seconds_to_healthy(base: str) -> float:
    started = time.monotonic()
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=30).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass


def wire_bytes(url: str, encoding: str) -> int:
    with httpx.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
        return sum(len(chunk) for chunk in response.iter_raw())


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("The benchmarks need wrk: apt-get install wrk")
    with running_stack() as shop:
        base = f"http://127.0.0.1:{shop.ports.storefront}"
        shopper = Buyer(shop, email="overload-bench@example.com")
        shopper.add_to_cart()
        cookie = "; ".join(f"{name}={value}" for name, value in shopper.http.cookies.items())
        print(f"{'page':<22} {'c':>4} {'pages/s':>8} {'503':>6} {'no R-A':>6} {'other':>6} {'t/o':>5} "
              f"{'p50 ms':>8} {'p99 ms':>8} {'healthz after':>14}")
        for path, with_cart in (("/cart/", True), ("/orders/find/", False), ("/products/ql-claw/", False)):
            for connections in (200, 500):
                figures = wrk(f"{base}{path}", connections, cookie if with_cart else "")
                healthy_after = seconds_to_healthy(base)
                pages = figures["requests"] - figures["s503"] - figures["other_non2xx"]
                print(f"{path:<22} {connections:>4} {pages / SECONDS:>8.1f} {figures['s503']:>6} "
                      f"{figures['s503_without_retry_after']:>6} {figures['other_non2xx']:>6} {figures['timeouts']:>5} "
                      f"{figures['p50_ms']:>8.1f} {figures['p99_ms']:>8.1f} {healthy_after:>12.3f} s")
                time.sleep(2)
        manifest = json.loads((ROOT / "storefront" / "staticfiles" / "staticfiles.json").read_text())["paths"]
        print(f"\n{'bytes on the wire':<40} {'identity':>9} {'gzip':>8} {'br':>8}")
        for label, path in (("hub", "/guide/lower-back-trigger-points/"), ("product page", "/products/ql-claw/"),
                            ("shop.css", f"/static/{manifest['css/shop.css']}"),
                            ("address.js", f"/static/{manifest['js/address.js']}"),
                            ("payment.js", f"/static/{manifest['js/payment.js']}")):
            sizes = [wire_bytes(f"{base}{path}", encoding) for encoding in ("identity", "gzip", "br")]
            print(f"{label:<40} {sizes[0]:>9} {sizes[1]:>8} {sizes[2]:>8}")
        shopper.close()


if __name__ == "__main__":
    main()
