"""A guide page served by the storefront next to the same HTML served as a static file by
nginx, in one run; and the bytes the hub page transfers (pictures excluded).

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
from deploy.runner.layout import Ports
from deploy.runner.processes import ProcessGroup
from tests.benchmarks.harness import print_row, running_stack, wrk

HUB = "/guide/lower-back-trigger-points/"
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
            wrk(f"{storefront}{HUB}", seconds=2)
            wrk(f"{proxied}{HUB}", seconds=2)
            print(f"\nGuide hub page, {len(html):,} B of HTML (wrk -t2 -c20 -d10s, loopback)")
            direct = wrk(f"{storefront}{HUB}", connections=20)
            behind_proxy = wrk(f"{proxied}{HUB}", connections=20)
            static = wrk(f"http://127.0.0.1:{port}{HUB}", connections=20)
            print_row("storefront alone (Granian, 2 workers)", direct)
            print_row("storefront behind its caching proxy (deploy/nginx)", behind_proxy)
            print_row("nginx, the same HTML as a static file", static)
            print(f"ratio behind proxy / static nginx: {behind_proxy['rps'] / static['rps']:.2f}"
                  f"   (storefront alone: {direct['rps'] / static['rps']:.3f})")
        finally:
            proxy_processes.stop_all()
            subprocess.run([nginx, "-c", f"{root}/nginx.conf", "-s", "stop"], check=False)
        transferred_bytes(storefront)


if __name__ == "__main__":
    main()
