"""The page-view beacon under load: requests per second at 50 connections, and what the views
cost the database (rows written, statements run) once every process has flushed.

    .venv/storefront/bin/python -m tests.benchmarks.beacon

Two runs: the per-address limit lifted (every beacon counted: the endpoint's own cost), and the
shop's default limit with every beacon from one address (a flood: refused without a write).
"""
from __future__ import annotations

import json
import subprocess
import tempfile
import time

import psycopg

from tests.analytics.conftest import DESKTOP_CHROME
from tests.benchmarks.harness import REPORT_SCRIPT, print_row, running_stack

CONNECTIONS = 50
SECONDS = 15
BODY = {"path": "/guide/psoas/", "landing": "/guide/psoas/", "referrer": "", "events": ["page_view", "visit"]}


def wrk_beacons(base: str) -> dict:
    body = json.dumps(BODY).replace('"', '\\"')
    script = (
        f'wrk.method = "POST"\nwrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"\n'
        f'wrk.headers["Origin"] = "{base}"\nwrk.headers["User-Agent"] = "{DESKTOP_CHROME}"\n'
        + REPORT_SCRIPT.read_text()
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(script)
        lua.flush()
        result = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "-s", lua.name, f"{base}/analytics/beacon/"],
                                capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def table_figures(db: psycopg.Connection) -> tuple[int, int, int]:
    """(rows, rows inserted + updated since the start, sum of counts)."""
    rows, total = db.execute("SELECT count(*), coalesce(sum(count), 0) FROM analytics_dailycount").fetchone()
    written = db.execute(
        "SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'analytics_dailycount'"
    ).fetchone()[0]
    return rows, written, int(total)


def measure(label: str, settings: dict[str, str]) -> None:
    with running_stack(settings) as shop:
        base = f"http://127.0.0.1:{shop.ports.storefront}"
        with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
            rows, written, counted = table_figures(db)
            figures = wrk_beacons(base)
            time.sleep(5)  # every process flushes within ANALYTICS_FLUSH_SECONDS; statistics follow within 1 s
            rows2, written2, counted2 = table_figures(db)
        print_row(f"{label}, c={CONNECTIONS}", figures)
        views = (counted2 - counted) // len(BODY["events"])
        print(f"  views counted {views}; rows written {written2 - written} "
              f"({(written2 - written) / max(views, 1):.5f} per view); table grew by {rows2 - rows} rows "
              f"(per million views: {(rows2 - rows) / max(views, 1) * 1e6:.1f}, bounded by pages × days × events)")


def main() -> None:
    measure("beacon, limit lifted (every beacon counted)", {"ANALYTICS_BEACONS_PER_IP": "100000000/minute"})
    measure("beacon, one address over its limit (refused)", {})


if __name__ == "__main__":
    main()
