"""The Prometheus endpoint: a storefront (two Granian processes writing their figures to
PROMETHEUS_MULTIPROC_DIR, as in a pod) and `serve_metrics --shop-figures` beside it on its own
port, against the test shop's database. Saleor is made unreachable for this storefront only, so
a page that needs it is shed with the 503 page."""
from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from deploy.runner.layout import STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"nothing answered on port {port} in {timeout} s:\n{log.read_text()[-3000:]}")


class MeteredStorefront:
    def __init__(self, url: str, metrics_url: str) -> None:
        self.url, self.metrics_url = url, metrics_url

    def figure(self, name: str, **labels: str) -> float:
        """The value of one series on the metrics endpoint (0 when it is not there yet)."""
        response = httpx.get(self.metrics_url, timeout=10)
        response.raise_for_status()
        text = response.text
        wanted = "".join(f'(?=[^}}]*{key}="{re.escape(value)}")' for key, value in labels.items())
        match = re.search(rf"^{re.escape(name)}(?:\{{{wanted}[^}}]*\}})? ([0-9.e+-]+)$", text, re.MULTILINE)
        return float(match.group(1)) if match else 0.0


@pytest.fixture(scope="module")
def metered(shop: Stack, tmp_path_factory) -> Iterator[MeteredStorefront]:
    folder = tmp_path_factory.mktemp("metrics")
    figures = folder / "figures"
    figures.mkdir()
    web_port, metrics_port, nothing_there = free_port(), free_port(), free_port()
    env = {**shop.storefront_env(), "PROMETHEUS_MULTIPROC_DIR": str(figures),
           "SALEOR_API_URL": f"http://127.0.0.1:{nothing_there}/graphql/", "DATABASE_APPLICATION_NAME": "metrics-test"}
    commands = {
        "web": ([str(STOREFRONT_VENV / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port",
                 str(web_port), "--workers", "2", "--blocking-threads", "2", "--no-access-log", "config.wsgi:application"], web_port),
        "metrics": ([str(STOREFRONT_VENV / "bin" / "python"), "manage.py", "serve_metrics", "--host", "127.0.0.1",
                     "--port", str(metrics_port), "--shop-figures"], metrics_port),
    }
    processes = []
    try:
        for name, (command, port) in commands.items():
            log = folder / f"{name}.log"
            process = subprocess.Popen(command, env=env, cwd=STOREFRONT_DIR, stdout=log.open("w"), stderr=subprocess.STDOUT)
            processes.append(process)
            wait_for_port(port, process, log)
        yield MeteredStorefront(f"http://127.0.0.1:{web_port}", f"http://127.0.0.1:{metrics_port}/metrics")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


def test_a_page_shed_while_saleor_is_unreachable_shows_in_the_503_counter_and_saleor_call_errors(metered: MeteredStorefront):
    shed_before = metered.figure("storefront_shed_responses_total", reason="saleor_unavailable")
    errors_before = metered.figure("storefront_responses_total", code="5xx")

    pages = [httpx.get(f"{metered.url}/products/no-such-claw-{n}/", headers={"Host": "localhost"}, timeout=10)
             for n in range(3)]

    assert [page.status_code for page in pages] == [503, 503, 503]
    assert metered.figure("storefront_shed_responses_total", reason="saleor_unavailable") == shed_before + 3
    assert metered.figure("storefront_responses_total", code="5xx") == errors_before + 3
    assert metered.figure("storefront_saleor_call_seconds_count", outcome="not_reached") >= 3
    # Both Granian processes' slots are counted: SALEOR_CONCURRENCY (3) each, once a call was made in each.
    assert metered.figure("storefront_saleor_bulkhead_slots") in (3.0, 6.0)


def test_the_figures_are_not_served_on_the_shops_own_port(metered: MeteredStorefront):
    page = httpx.get(f"{metered.url}/metrics", headers={"Host": "localhost"}, timeout=10, follow_redirects=True)

    assert page.status_code == 404
    assert "storefront_" not in page.text


def test_a_queued_job_shows_in_the_queue_depth_by_task(shop: Stack, metered: MeteredStorefront):
    task = "metrics.tests.queued_for_an_hour"
    before = metered.figure("storefront_jobs_queued", task=task)
    deferred = shop.storefront_manage("shell", "-c", (
        "from procrastinate.contrib.django import app\n"
        f"print(app.configure_task({task!r}, schedule_in={{'hours': 1}}).defer())"
    ))
    job_id = int(deferred.stdout.strip().splitlines()[-1])
    try:
        assert metered.figure("storefront_jobs_queued", task=task) == before + 1
        # Not due for an hour: it has not waited yet.
        assert metered.figure("storefront_jobs_oldest_queued_age_seconds", task=task) == 0
    finally:
        shop.storefront_manage("shell", "-c", (
            "from procrastinate.contrib.django import app\n"
            f"app.job_manager.cancel_job_by_id({job_id}, delete_job=True)"
        ))

    assert metered.figure("storefront_jobs_queued", task=task) == before
