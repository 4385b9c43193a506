"""Run deploy/nginx/shop.conf.template with Debian's nginx in front of a storefront: used by
the tests and the guide benchmark (docker-compose runs the same template in nginx's image)."""
from __future__ import annotations

import os
import pwd
import signal
import string
from pathlib import Path

from .environments import NGINX
from .layout import ROOT
from .processes import ProcessGroup

TEMPLATE = ROOT / "deploy" / "nginx" / "shop.conf.template"
MAIN_CONF = """
# Workers keep the runner's user, so the cache and temp folders below stay writable.
user {user};
worker_processes 2;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/shop.conf;
}}
"""


def start(
    processes: ProcessGroup, folder: Path, *, listen_port: int, storefront_port: int, template: str = "",
) -> str:
    """template: the configuration's text, when not the shop's own (the guide benchmark's variant)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    (folder / "shop.conf").write_text(string.Template(template or TEMPLATE.read_text()).safe_substitute(
        PROXY_LISTEN=f"127.0.0.1:{listen_port}",
        STOREFRONT_ADDRESS=f"127.0.0.1:{storefront_port}",
        PROXY_CACHE_DIR=str(folder / "cache"),
        PROXY_TLS="",
        PROXY_ACCESS_LOG=str(folder / "access.log"),
    ))
    user = pwd.getpwuid(os.geteuid()).pw_name
    (folder / "nginx.conf").write_text(MAIN_CONF.format(folder=folder, user=user))
    processes.start(
        folder.name, [NGINX, "-c", str(folder / "nginx.conf")],
        env={}, log_path=folder / "nginx.log", stop_signal=signal.SIGQUIT,
    )
    url = f"http://127.0.0.1:{listen_port}"
    processes.wait_until_answering(folder.name, f"{url}/healthz", timeout=15)
    return url
