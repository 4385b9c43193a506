"""Lighthouse's four scores (mobile, its default) for the shop's main pages, through the caching proxy
as visitors get them, with the stack's own settings (the two-for-less offer on). Prints a row per page.
The checkout page is seen with a cart in it: a buyer adds the product through the real flow and
Lighthouse sends that buyer's cookies.

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
from typing import Optional

from deploy.runner import caching_proxy
from deploy.runner.environments import ensure_chromium
from deploy.runner.layout import ROOT, Ports
from deploy.runner.processes import ProcessGroup
from tests.benchmarks.harness import running_stack
from tests.checkout.buyer import Buyer

LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_DIR = ROOT / ".local" / "lighthouse"
PAGES = ["/", "/products/ql-claw/", "/guide/psoas/", "/cart/", "/checkout/"]
# Pages that are only there with a cart (without one they redirect to the empty cart).
CART_PAGES = {"/checkout/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(LIGHTHOUSE_DIR), f"lighthouse@{LIGHTHOUSE_VERSION}"],
                       check=True, timeout=600)
    return binary


def scores(binary: Path, url: str, headers: Optional[dict[str, str]] = None) -> tuple[dict[str, int], list[str]]:
    """The four scores, and the audits that took points off (category: audit id)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}",
             *([f"--extra-headers={json.dumps(headers)}"] if headers else []),
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
            check=True, timeout=300, env={**os.environ, "CHROME_PATH": ensure_chromium()},
        )
        result = json.loads(report.read_text())
    if result["finalDisplayedUrl"] != url:  # e.g. the checkout without its cart: the cart's scores
        raise SystemExit(f"{url} was redirected to {result['finalDisplayedUrl']}")
    categories = result["categories"]
    failed = [f"{name}: {ref['id']}" for name in CATEGORIES for ref in categories[name]["auditRefs"]
              if ref["weight"] and (result["audits"][ref["id"]]["score"] or 0) < 1]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}, failed


def cart_cookie(shop) -> dict[str, str]:
    """The Cookie header of a buyer who has put the product in their cart."""
    buyer = Buyer(shop, email="bench-lighthouse@example.com")
    try:
        assert buyer.add_to_cart().url.path == "/cart/"
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in buyer.http.cookies.items())}
    finally:
        buyer.close()


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
            rows = [(page, scores(binary, proxy + page, cart_cookie(shop) if page in CART_PAGES else None))
                    for page in args.pages]
        finally:
            processes.stop_all()
    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile, through the caching proxy")
    print(f"  {'page':<24}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for page, (figures, failed) in rows:
        print(f"  {page:<24}" + "".join(f"{figures[name]:>16}" for name in CATEGORIES))
        if failed:
            print(f"    points off: {', '.join(failed)}")


if __name__ == "__main__":
    main()
