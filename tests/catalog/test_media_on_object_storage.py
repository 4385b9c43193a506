"""Product pictures on an S3-compatible bucket. moto's S3 server on loopback stands in for the
object store (a stand-in: it checks no credentials). Saleor's `seed_catalog`, given
AWS_MEDIA_BUCKET_NAME and the endpoint, uploads the pictures into the bucket (into a Saleor
database of its own, so the test shop keeps its media folder); a storefront with MEDIA_PUBLIC_URL
links them at the bucket's public address, and that address answers with the picture."""
from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx
import psycopg
import pytest

from deploy.runner.environments import ensure_moto_venv
from deploy.runner.layout import CATALOG_FILE, MOTO_VENV, SALEOR_VENV, STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack

BUCKET = "qlclaw-media"
PICTURES = CATALOG_FILE.parent / "pictures"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], env: dict[str, str], log: Path, port: int, cwd: Path | None = None) -> subprocess.Popen:
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{command[0]} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"{command[0]} did not listen on {port} in 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def bucket(tmp_path_factory) -> Iterator[str]:
    ensure_moto_venv()
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    server = start([str(MOTO_VENV / "bin" / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], {"PATH": "/usr/bin:/bin"}, log, port)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        assert httpx.put(f"{endpoint}/{BUCKET}", timeout=10).status_code == 200
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def seeded_into_bucket(shop: Stack, bucket: str) -> subprocess.CompletedProcess:
    """A Saleor database of its own, migrated and seeded with the bucket as its media storage."""
    with psycopg.connect(shop.postgres_server_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS saleor_media")
        connection.execute("CREATE DATABASE saleor_media")
    env = {**shop.saleor_env(), "DATABASE_URL": f"{shop.postgres_server_url}/saleor_media",
           "AWS_MEDIA_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": bucket, "AWS_S3_REGION_NAME": "us-east-1",
           "AWS_ACCESS_KEY_ID": "stand-in", "AWS_SECRET_ACCESS_KEY": "stand-in",
           # Saleor's own setting: each picture is stored readable by anyone, as browsers fetch it.
           "AWS_DEFAULT_ACL": "public-read"}
    python = str(SALEOR_VENV / "bin" / "python")
    migrated = subprocess.run([python, "-m", "django", "migrate", "--noinput"], env=env, capture_output=True, text=True, timeout=600)
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    seeded = subprocess.run([python, "-m", "django", "seed_catalog", str(CATALOG_FILE)], env=env, capture_output=True, text=True,
                            timeout=300)
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    return seeded


@pytest.fixture(scope="module")
def storefront_on_bucket(shop: Stack, bucket: str, tmp_path_factory) -> Iterator[str]:
    """A storefront of the test shop whose pictures are linked at the bucket's public address."""
    port = free_port()
    env = {**shop.storefront_env(), "MEDIA_PUBLIC_URL": f"{bucket}/{BUCKET}/", "CACHE_URL": "locmemcache://",
           "DATABASE_APPLICATION_NAME": "media-test"}
    log = tmp_path_factory.mktemp("storefront-on-bucket") / "storefront.log"
    process = start([str(STOREFRONT_VENV / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                     "--workers", "1", "--no-access-log", "config.wsgi:application"], env, log, port, cwd=STOREFRONT_DIR)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_seed_catalog_uploads_the_pictures_into_the_bucket(seeded_into_bucket: subprocess.CompletedProcess, bucket: str):
    listing = httpx.get(f"{bucket}/{BUCKET}?list-type=2", timeout=10).text
    stored = re.findall(r"<Key>([^<]+)</Key>", listing)

    assert "added picture products/ql-claw-ql-claw-" in seeded_into_bucket.stdout
    assert sorted(re.sub(r"-[0-9a-f]{12}\.svg$", ".svg", key) for key in stored) == [
        "products/ql-claw-ql-claw-in-use.svg", "products/ql-claw-ql-claw.svg"]


def test_the_product_page_draws_its_pictures_from_the_bucket_which_answers_at_the_public_url(
        seeded_into_bucket, storefront_on_bucket: str, bucket: str):
    page = httpx.get(f"{storefront_on_bucket}/products/ql-claw/", headers={"Host": "localhost"}, timeout=30)
    # The gallery's rasters are drawn by the storefront from the bucket's SVGs (catalog/pictures.py).
    drawn = re.findall(r'<img src="(/media/products/[^"/]+)/640\.png"', page.text)
    public = f"{bucket}/{BUCKET}/products/"

    assert page.status_code == 200
    assert len(drawn) == 2, drawn
    # Pictures that are linked at the bucket (anything but the gallery) may load: the page's
    # Content-Security-Policy names the bucket's origin.
    assert bucket in page.headers["Content-Security-Policy"].split("img-src", 1)[1].split(";", 1)[0]
    for stem in drawn:
        name = stem.rsplit("/", 1)[1] + ".svg"
        picture = httpx.get(public + name, timeout=10)
        source = PICTURES / re.sub(r"^ql-claw-(.+)-[0-9a-f]{12}\.svg$", r"\1.svg", name)
        assert picture.status_code == 200
        assert picture.content == source.read_bytes()
        raster = httpx.get(f"{storefront_on_bucket}{stem}/640.png", headers={"Host": "localhost"}, timeout=30)
        assert raster.status_code == 200 and raster.headers["content-type"] == "image/png"
        assert raster.content[:8] == b"\x89PNG\r\n\x1a\n"
