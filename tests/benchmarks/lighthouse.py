"""Lighthouse's four scores (mobile, its default) for the shop's main pages, through the caching proxy
as visitors get them, with the stack's own settings (the two-for-less offer on). Prints a row per page.

    .venv/storefront/bin/python -m tests.benchmarks.lighthouse [--pages / /products/ql-claw/ ...]
        (needs: apt-get install nginx; Lighthouse LIGHTHOUSE_VERSION is installed into
         .local/lighthouse with npm on the first run; Chromium is the tests' own)

Lighthouse's performance score depends on the machine's load: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from deploy.runner import caching_proxy
from deploy.runner.environments import ensure_chromium
from deploy.runner.layout import ROOT, Ports
from deploy.runner.processes import ProcessGroup
from tests.benchmarks.harness import running_stack

LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_DIR = ROOT / ".local" / "lighthouse"
PAGES = ["/", "/products/ql-claw/", "/guide/psoas/", "/cart/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(LIGHTHOUSE_DIR), f"lighthouse@{LIGHTHOUSE_VERSION}"],
                       check=True, timeout=600)
    return binary


def scores(binary: Path, url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
            check=True, timeout=300, env={**os.environ, "CHROME_PATH": ensure_chromium()},
        )
        categories = json.loads(report.read_text())["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", nargs="+", default=PAGES)
    args = parser.parse_args()
    binary = lighthouse()
    with running_stack() as shop:
        processes = ProcessGroup()
        try:
            proxy = caching_proxy.start(processes, shop.state.path / "bench-proxy",
                                        listen_port=Ports.free().storefront, storefront_port=shop.ports.storefront)
            rows = [(page, scores(binary, proxy + page)) for page in args.pages]
        finally:
            processes.stop_all()
    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile, through the caching proxy")
    print(f"  {'page':<24}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for page, figures in rows:
        print(f"  {page:<24}" + "".join(f"{figures[name]:>16}" for name in CATEGORIES))


if __name__ == "__main__":
    main()
