"""When Saleor is down or hangs, visitors get the friendly 503 page within 3 seconds."""
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

from deploy.runner.stack import Stack


def test_healthz_reports_database_and_saleor_ok(browser_client: httpx.Client):
    response = browser_client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "saleor": "ok"}}
    assert "no-cache" in response.headers["cache-control"]


@contextmanager
def saleor_stopped(shop: Stack) -> Iterator[None]:
    shop.stop_saleor()
    try:
        yield
    finally:
        shop.start_saleor()


@contextmanager
def hanging_server(port: int) -> Iterator[None]:
    """Accepts connections on Saleor's port and never answers."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(50)
    held = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


class LogTail:
    """What a service wrote to its log from a given moment on: earlier requests' lines (this
    session's or, in a reused state folder, an earlier session's) cannot satisfy a check."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def skip_to_end(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def added(self) -> str:
        with self.path.open("rb") as log:
            log.seek(self.offset)
            return log.read().decode(errors="replace")

    def wait_for(self, text: str, timeout: float = 5) -> str:
        """The new lines once `text` is among them (the log is written by another process)."""
        deadline = time.monotonic() + timeout
        while text not in (added := self.added()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return added


def assert_friendly_503(response: httpx.Response, seconds: float) -> None:
    assert response.status_code == 503
    assert seconds < 3.0
    assert "The shop is temporarily unavailable" in response.text
    assert "Traceback" not in response.text
    assert response.headers["retry-after"] == "30"


def test_saleor_stopped_gives_the_friendly_503_page_and_healthz_reports_it(
    shop: Stack, browser_client: httpx.Client, purge_catalog
):
    log = LogTail(shop.state.log("storefront"))
    with saleor_stopped(shop):
        purge_catalog()  # a cached product would still be served, which is the point of the cache
        log.skip_to_end()
        started = time.monotonic()
        page = browser_client.get("/products/ql-claw/")
        assert_friendly_503(page, time.monotonic() - started)
        logged = log.wait_for("Saleor unavailable while serving /products/ql-claw/")

        health = browser_client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["checks"] == {"database": "ok", "saleor": "down"}
    assert "Saleor unavailable while serving /products/ql-claw/" in logged
    assert browser_client.get("/products/ql-claw/").status_code == 200


def test_saleor_that_hangs_gives_the_503_page_within_three_seconds(
    shop: Stack, browser_client: httpx.Client, purge_catalog
):
    with saleor_stopped(shop), hanging_server(shop.ports.saleor):
        purge_catalog()
        started = time.monotonic()
        page = browser_client.get("/products/ql-claw/")
        assert_friendly_503(page, time.monotonic() - started)


def test_cached_product_page_keeps_working_while_saleor_is_down(
    shop: Stack, browser_client: httpx.Client, purge_catalog
):
    purge_catalog()
    assert browser_client.get("/products/ql-claw/").status_code == 200
    with saleor_stopped(shop):
        page = browser_client.get("/products/ql-claw/")
        assert page.status_code == 200
        assert "$39.00" in page.text
