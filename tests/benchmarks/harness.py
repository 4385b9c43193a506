"""Shared pieces of the benchmark scripts: a running stack and wrk with a JSON report.

Benchmarks print figures; they assert nothing and are not collected by pytest.
Needs wrk (`apt-get install wrk`).
"""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from deploy.runner.layout import ROOT, Ports, StateDir
from deploy.runner.stack import Stack
from tests.saleor_api import SaleorStaffAPI

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")


# The benchmarks measure the work behind the checkout's waiting room (prepared carts by the
# hundred, Locust's buyers): the room lets everyone in here. Its own figures: waiting_room.py.
BENCHMARK_SETTINGS = {"CHECKOUT_ADMISSION_LIMIT": "100000"}


@contextmanager
def running_stack(settings: Optional[dict[str, str]] = None) -> Iterator[Stack]:
    stack = Stack(StateDir(ROOT / ".local" / "bench"), Ports.free(), durable=False,
                  storefront_settings={**BENCHMARK_SETTINGS, **(settings or {})})
    try:
        stack.start()
        # Earlier runs sold units; put plenty on sale so every run measures the same thing.
        staff = SaleorStaffAPI.sign_in(f"{stack.saleor_url}/graphql/", stack.staff_email, stack.staff_password)
        staff.set_available("QLC-001", 5000)
        stack.storefront_manage("purge_catalog_cache")  # a page kept from a sold-out run is stale
        yield stack
    finally:
        stack.stop()


def wrk(url: str, *, connections: int = 10, seconds: int = 10, post_json: Optional[dict] = None) -> dict:
    """Run wrk against url (2 threads) and return requests/s and latency percentiles in ms."""
    if shutil.which("wrk") is None:
        raise SystemExit("The benchmarks need wrk: apt-get install wrk")
    script = REPORT_SCRIPT.read_text()
    if post_json is not None:
        body = json.dumps(post_json).replace("\\", "\\\\").replace('"', '\\"')
        script = (
            f'wrk.method = "POST"\nwrk.body = "{body}"\n'
            'wrk.headers["Content-Type"] = "application/json"\n' + script
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        result = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, url],
            capture_output=True, text=True, check=True,
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def print_row(label: str, figures: dict) -> None:
    print(
        f"{label:<48} {figures['rps']:>9.1f} req/s   p50 {figures['p50_ms']:>7.2f} ms   "
        f"p95 {figures['p95_ms']:>7.2f} ms   p99 {figures['p99_ms']:>7.2f} ms   failed {figures['failed']}"
        f" (non-2xx {figures.get('non2xx', '-')}, timeouts {figures.get('timeouts', '-')})"
    )


def time_page(client, path: str, params: dict, requests: int, before_each=None) -> str:
    """`requests` GETs of one storefront page (after one to warm the process): wall time, the
    Saleor time and calls, and the SQL queries the page's Server-Timing header reports."""
    from tests.benchmarks.checkout import percentile, timing

    client.get(path, params=params)
    totals, calls, queries, saleor_ms = [], set(), set(), []
    for _ in range(requests):
        if before_each:
            before_each()
        started = time.perf_counter()
        response = client.get(path, params=params)
        totals.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        figures = timing(response)
        calls.add(figures["saleor"][0])
        queries.add(figures["db"][0])
        saleor_ms.append(figures["saleor"][1])
    return (f"median {statistics.median(totals):6.1f} ms   p95 {percentile(totals, 0.95):6.1f} ms   "
            f"Saleor {statistics.median(saleor_ms):6.1f} ms   Saleor calls {sorted(calls)}   SQL {sorted(queries)}")
