"""A guide page served by the storefront (alone and behind its caching proxy, with its access
log and without, as the static server runs) next to a bare Django view and the same HTML served
as a static file by nginx, at 10, 50, 200 and 500 connections, in one run; and the bytes the hub
page transfers (pictures excluded).

    .venv/storefront/bin/python -m tests.benchmarks.guide_page      (needs: apt-get install nginx wrk)
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import httpx

from deploy.runner import caching_proxy
from deploy.runner.layout import ROOT, STOREFRONT_VENV, Ports
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import STOREFRONT_CONNECTIONS, STOREFRONT_THREADS, STOREFRONT_WORKERS
from tests.benchmarks.harness import print_row, running_stack, wrk

HUB = "/guide/lower-back-trigger-points/"
LEVELS = (10, 50, 200, 500)
NGINX_CONF = """
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types {{ text/html html; }}
  server {{
    listen 127.0.0.1:{port};
    root {root}/site;
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""


def transferred_bytes(base: str) -> None:
    page = httpx.get(base + HUB)
    assets = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', page.text)
    assets += re.findall(r'<script src="(/[^"]+)"', page.text)
    raw = len(page.content)
    compressed = len(gzip.compress(page.content))
    print(f"\nHub page transfer (pictures excluded): HTML {raw:,} B ({compressed:,} B gzipped)")
    for asset in assets:
        body = httpx.get(base + asset).content
        raw += len(body)
        compressed += len(gzip.compress(body))
        print(f"  {asset:<48} {len(body):>7,} B ({len(gzip.compress(body)):,} B gzipped)")
    print(f"  total {raw:,} B uncompressed, {compressed:,} B gzipped")


def without_access_log(template: str) -> str:
    line = "    access_log ${PROXY_ACCESS_LOG} shop_redacted;"
    assert line in template, "the proxy's access_log line changed"
    return template.replace(line, "    access_log off;")


def start_bare_django(processes: ProcessGroup, page: Path, root: Path) -> str:
    port = Ports.free().storefront
    processes.start(
        "bare-django",
        [str(STOREFRONT_VENV / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(STOREFRONT_WORKERS), "--blocking-threads", str(STOREFRONT_THREADS),
         "--backpressure", str(STOREFRONT_CONNECTIONS), "--no-access-log", "tests.benchmarks.bare_django:application"],
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "BARE_PAGE": str(page)},
        log_path=root / "bare-django.log",
        cwd=ROOT,
    )
    processes.wait_until_answering("bare-django", f"http://127.0.0.1:{port}{HUB}", timeout=30)
    return f"http://127.0.0.1:{port}"


def main() -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("This benchmark needs nginx: apt-get install nginx")
    with running_stack() as shop, tempfile.TemporaryDirectory() as root:
        storefront = f"http://127.0.0.1:{shop.ports.storefront}"
        html = httpx.get(storefront + HUB).content
        site = Path(root, "site", HUB.strip("/"))
        site.mkdir(parents=True)
        (site / "index.html").write_bytes(html)
        os.chmod(root, 0o755)  # nginx's workers run as www-data
        for folder in Path(root, "site").rglob("*"):
            folder.chmod(0o755)
        port = Ports.free().storefront
        Path(root, "nginx.conf").write_text(NGINX_CONF.format(root=root, port=port))
        subprocess.run([nginx, "-c", f"{root}/nginx.conf"], check=True)
        proxy_processes = ProcessGroup()
        try:
            proxied = caching_proxy.start(
                proxy_processes, Path(root, "proxy"), listen_port=Ports.free().storefront,
                storefront_port=shop.ports.storefront,
            )
            # The same proxy without its access log, as the static server runs: one log line per
            # request is most of what the proxy costs over nginx serving the file.
            unlogged = caching_proxy.start(
                proxy_processes, Path(root, "proxy-unlogged"), listen_port=Ports.free().storefront,
                storefront_port=shop.ports.storefront, template=without_access_log(caching_proxy.TEMPLATE.read_text()),
            )
            bare = start_bare_django(proxy_processes, Path(root, "site", HUB.strip("/"), "index.html"), Path(root))
            for url in (storefront, proxied, unlogged, bare):
                wrk(f"{url}{HUB}", seconds=2)
            print(f"\nGuide hub page, {len(html):,} B of HTML (wrk -t2 -d10s, loopback; one run, side by side)")
            static = {}
            for connections in LEVELS:
                rows = {
                    "storefront alone (Granian, 2 workers, in-memory page cache)": wrk(f"{storefront}{HUB}", connections=connections),
                    "storefront behind its caching proxy (deploy/nginx)": wrk(f"{proxied}{HUB}", connections=connections),
                    "the same proxy with its access log off": wrk(f"{unlogged}{HUB}", connections=connections),
                    "bare Django view, bytes from memory (same Granian)": wrk(f"{bare}{HUB}", connections=connections),
                    "nginx, the same HTML as a static file": wrk(f"http://127.0.0.1:{port}{HUB}", connections=connections),
                }
                print(f"  c={connections}")
                for label, figures in rows.items():
                    print_row(f"    {label}", figures)
                static[connections] = rows
            for connections, rows in static.items():
                nginx_rps = rows["nginx, the same HTML as a static file"]["rps"]
                print(
                    f"  c={connections:<4} ratio to static nginx: storefront alone "
                    f"{rows['storefront alone (Granian, 2 workers, in-memory page cache)']['rps'] / nginx_rps:.3f}, "
                    f"bare Django view {rows['bare Django view, bytes from memory (same Granian)']['rps'] / nginx_rps:.3f}, "
                    f"behind proxy {rows['storefront behind its caching proxy (deploy/nginx)']['rps'] / nginx_rps:.2f}, "
                    f"its access log off {rows['the same proxy with its access log off']['rps'] / nginx_rps:.2f}"
                )
        finally:
            proxy_processes.stop_all()
            subprocess.run([nginx, "-c", f"{root}/nginx.conf", "-s", "stop"], check=False)
        transferred_bytes(storefront)


if __name__ == "__main__":
    main()
