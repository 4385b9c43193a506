"""Mixed traffic through the caching proxy with Locust, headless and bounded: readers, shoppers,
buyers paying with localstripe cards, and one shop admin paging orders. Prints per-endpoint
requests/s, p50/p95/p99 and failures, the orders placed, and the storefront's and Saleor's
memory (RSS) at the start and the end.

    .venv/storefront/bin/python -m tests.benchmarks.mixed_load [--minutes 5] [--users 40]
        (needs: apt-get install nginx; Locust is installed into .venv/locust on the first run)
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy.runner import caching_proxy
from deploy.runner.environments import ensure_venv
from deploy.runner.layout import ROOT, VENVS, Ports
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import Stack
from tests.benchmarks.harness import running_stack

HERE = Path(__file__).parent
LOCUST_VENV = VENVS / "locust"
LOCUST_LOCK = HERE / "locust-requirements.lock"


def process_tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants (workers, threads' processes), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total_kb, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


def memory(stack: Stack) -> dict[str, float]:
    return {name: process_tree_rss_mb(stack.processes.services[name].process.pid) for name in ("storefront", "saleor", "worker")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--users", type=int, default=40)
    args = parser.parse_args()
    locust = ensure_venv(LOCUST_VENV, sys.executable, [LOCUST_LOCK], "Locust load test").parent / "locust"
    if not Path(caching_proxy.NGINX).exists():
        raise SystemExit("The mixed load test needs nginx: apt-get install nginx")
    with running_stack() as stack, tempfile.TemporaryDirectory() as scratch:
        processes = ProcessGroup()
        try:
            proxy = caching_proxy.start(processes, stack.state.path / "bench-proxy",
                                        listen_port=Ports.free().storefront, storefront_port=stack.ports.storefront)
            before = memory(stack)
            started = time.monotonic()
            prefix = Path(scratch) / "stats"
            env = {**os.environ, "LOCALSTRIPE_URL": stack.localstripe_url,
                   "STAFF_EMAIL": stack.staff_email, "STAFF_PASSWORD": stack.staff_password}
            output = Path(scratch) / "locust.out"
            with output.open("w") as out:
                locust_run = subprocess.Popen(
                    [str(locust), "-f", str(HERE / "locustfile.py"), "--headless", "--host", proxy,
                     "--users", str(args.users), "--spawn-rate", "5", "--run-time", f"{int(args.minutes * 60)}s",
                     "--stop-timeout", "20", "--csv", str(prefix), "--only-summary"],
                    env=env, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                )
                # Memory each minute: a plateau is warm-up, a steady climb is a leak.
                samples = [(0, before)]
                while locust_run.poll() is None:
                    time.sleep(1)
                    minute = (time.monotonic() - started) // 60
                    if minute > samples[-1][0]:
                        samples.append((int(minute), memory(stack)))
            returncode, log_text = locust_run.returncode, output.read_text()
            after = memory(stack)
            stats_file = Path(f"{prefix}_stats.csv")
            rows = list(csv.DictReader(stats_file.open())) if stats_file.exists() else []
        finally:
            processes.stop_all()
    orders = re.search(r"ORDERS_PLACED (\d+)", log_text)
    print(f"\nLocust {args.users} users for {args.minutes:g} min through the caching proxy "
          f"(exit {returncode}); orders placed: {orders.group(1) if orders else '?'}\n")
    print(f"{'endpoint':<34} {'requests':>9} {'fails':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for row in rows:
        print(f"{row['Type'] + ' ' + row['Name']:<34.34} {row['Request Count']:>9} {row['Failure Count']:>6} "
              f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    # The first minute is warm-up (imports, templates, the page cache filling, pools opening); a leak
    # shows as growth after it.
    warm = next((figures for minute, figures in samples if minute >= 1), None)
    print("\nMemory (RSS, MB)      start      end   growth   growth after the first minute")
    for name in before:
        growth = (after[name] - before[name]) / before[name] * 100 if before[name] else 0
        after_warm = f"{(after[name] - warm[name]) / warm[name] * 100:>+7.1f} %" if warm and warm[name] else "      –"
        print(f"  {name:<16} {before[name]:>8.1f} {after[name]:>8.1f} {growth:>+7.1f} %   {after_warm}")
    print("  by minute: " + "; ".join(
        f"{minute} min " + " / ".join(f"{figures[name]:.0f}" for name in figures) for minute, figures in samples
    ) + f"  ({' / '.join(before)})")
    if returncode not in (0, 1):  # Locust exits 1 when any request failed
        print(log_text[-3000:])


if __name__ == "__main__":
    main()
