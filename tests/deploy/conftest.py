"""The production stack (docker-compose.yml, two storefronts and two job workers) on podman, from
stand-in images, with localstripe and an SMTP server beside it; torn down with its volumes."""
from __future__ import annotations

import mailbox
import secrets
import subprocess
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from deploy.runner.layout import ROOT, Ports
from tests.deploy import podman
from tests.seller import SELLER

STACK_FILES = [ROOT / "docker-compose.yml", ROOT / "deploy" / "compose.scale.yml", Path(__file__).parent / "compose.test.yml"]
STAFF_EMAIL = "admin@qlclaw.example"  # Saleor's seeded staff account (deploy/saleor seeding)


@dataclass
class ContainerShop:
    project: podman.ComposeProject
    url: str  # https through the published proxy port
    http_url: str
    localstripe_url: str
    maildir: Path
    env: dict[str, str]
    images: podman.Images
    up_seconds: float

    @property
    def staff_password(self) -> str:
        return self.env["SHOP_STAFF_PASSWORD"]


def self_signed_certificate(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True, timeout=60,
    )
    (folder / "privkey.pem").chmod(0o644)  # read by nginx's master inside the container


def stack_env(tmp: Path) -> dict[str, str]:
    ports = Ports.free()
    https_port, http_port, localstripe_port = ports.storefront, ports.saleor, ports.localstripe
    return {
        "SHOP_HOST": f"localhost:{https_port}",
        # An address before the port keeps the published ports on loopback.
        "SHOP_HTTPS_PORT": f"127.0.0.1:{https_port}",
        "SHOP_HTTP_PORT": f"127.0.0.1:{http_port}",
        "TLS_CERTIFICATES_DIR": str(tmp / "tls"),
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
        "SALEOR_DB_PASSWORD": secrets.token_urlsafe(16),
        "STOREFRONT_DB_PASSWORD": secrets.token_urlsafe(16),
        "BACKUP_DB_PASSWORD": secrets.token_urlsafe(16),
        "SALEOR_SECRET_KEY": secrets.token_urlsafe(48),
        "STOREFRONT_SECRET_KEY": secrets.token_urlsafe(48),
        "SHOP_STAFF_PASSWORD": secrets.token_urlsafe(12),
        "SALEOR_APP_TOKEN": secrets.token_hex(12),
        "STRIPE_SECRET_KEY": "sk_test_localstripe",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_localstripe",
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(16),
        "STRIPE_API_BASE": "http://localstripe:8420",
        "STRIPE_JS_URL": f"http://127.0.0.1:{localstripe_port}/js.stripe.com/v3/",
        "LOCALSTRIPE_PORT": str(localstripe_port),
        "EMAIL_URL": "smtp://mail:1025",
        "MAILDIR": str(tmp / "maildir"),
        **SELLER,
        "UWSGI_PROCESSES": "2",
        # One run of the backup's loop at start is what the test needs; it takes more by hand.
        "BACKUP_INTERVAL_SECONDS": "3600",
    }


def register_webhook(shop: ContainerShop) -> None:
    """localstripe posts signed events to the storefronts over plain http on the inside network."""
    body = urllib.parse.urlencode({
        "url": "http://storefront:8000/checkout/stripe/webhook/",
        "secret": shop.env["STRIPE_WEBHOOK_SECRET"],
    }).encode()
    request = urllib.request.Request(f"{shop.localstripe_url}/_config/webhooks/storefront", data=body)
    request.add_header("Authorization", f"Bearer {shop.env['STRIPE_SECRET_KEY']}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


SERVICES = ["postgres", "redis", "saleor", "saleor-worker", "storefront", "worker", "proxy", "backup"]


@pytest.fixture(scope="session")
def container_shop(tmp_path_factory) -> Iterator[ContainerShop]:
    podman.ensure_tools()
    tmp = tmp_path_factory.mktemp("compose")
    started = time.monotonic()
    images = podman.build_all()
    build_seconds = time.monotonic() - started
    env = {**stack_env(tmp), **images.compose_env()}
    self_signed_certificate(tmp / "tls")
    mailbox.Maildir(str(tmp / "maildir"), create=True)  # new/, cur/, tmp/ for the SMTP container
    env_file = tmp / ".env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in env.items()))
    project = podman.ComposeProject(f"qlclaw-test-{uuid.uuid4().hex[:8]}", STACK_FILES, env_file)
    https_port = env["SHOP_HTTPS_PORT"].rsplit(":", 1)[1]
    shop = ContainerShop(
        project=project, url=f"https://localhost:{https_port}", http_url=f"http://{env['SHOP_HTTP_PORT']}",
        localstripe_url=f"http://127.0.0.1:{env['LOCALSTRIPE_PORT']}", maildir=tmp / "maildir", env=env,
        images=images, up_seconds=0.0,
    )
    try:
        up_started = time.monotonic()
        project.compose("up", "-d", timeout=900)
        project.wait_healthy(SERVICES, timeout=420)
        shop.up_seconds = time.monotonic() - up_started
        register_webhook(shop)
        built = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in images.built) or "none (all cached)"
        print(f"\ncontainers: images built: {built}; images ready after {build_seconds:.1f} s, "
              f"stack healthy after {shop.up_seconds:.0f} s")
        yield shop
    finally:
        project.down()
