"""`./shop run` as a newcomer uses it: ready with URLs and a staff login, Ctrl-C stops all,
a second run reuses what the first built, and failures say what to do."""
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import psutil
import pytest

from deploy.runner import environments, postgres
from deploy.runner.errors import RunnerError
from deploy.runner.layout import ROOT, Ports, ensure_port_free
from deploy.runner.processes import ProcessGroup


def start_shop(state_dir: Path, ports: Ports) -> subprocess.Popen:
    env = {
        **os.environ,
        "SHOP_STATE_DIR": str(state_dir),
        "SHOP_PORT": str(ports.storefront),
        "SALEOR_PORT": str(ports.saleor),
        "LOCALSTRIPE_PORT": str(ports.localstripe),
        "POSTGRES_PORT": str(ports.postgres),
    }
    return subprocess.Popen(
        [str(ROOT / "shop"), "run"], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def read_until_ready(shop: subprocess.Popen, timeout: float = 300) -> str:
    output = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = shop.stdout.readline()
        if not line:
            break
        output += line
        if "Press Ctrl-C" in line:
            return output
    raise AssertionError(f"./shop run never became ready:\n{output}")


def processes_using(state_dir: Path) -> list:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(str(state_dir) in part for part in process.info["cmdline"] or []):
            found.append(process)
    return found


def run_until_ready_then_interrupt(state_dir: Path) -> tuple[str, float]:
    ports = Ports.free()
    started = time.monotonic()
    shop = start_shop(state_dir, ports)
    try:
        output = read_until_ready(shop)
        seconds = time.monotonic() - started
        page = httpx.get(f"http://127.0.0.1:{ports.storefront}/products/ql-claw/", timeout=10)
        assert page.status_code == 200 and "QL Claw" in page.text
        login = re.search(r"Staff login:\s+(\S+) / (\S+)", output)
        assert login, output
        token = httpx.post(
            f"http://127.0.0.1:{ports.saleor}/graphql/",
            json={"query": "mutation($e:String!,$p:String!){tokenCreate(email:$e,password:$p){token}}",
                  "variables": {"e": login.group(1), "p": login.group(2)}},
            timeout=10,
        ).json()["data"]["tokenCreate"]["token"]
        assert token, "the printed staff login must sign in to Saleor"
    finally:
        shop.send_signal(signal.SIGINT)
        rest = shop.communicate(timeout=60)[0]
    assert shop.returncode == 0, rest
    assert processes_using(state_dir) == []
    for port in (ports.storefront, ports.saleor, ports.localstripe, ports.postgres):
        ensure_port_free(port, "a test", "NONE")
    return output, seconds


def test_run_starts_the_shop_prints_the_login_stops_on_ctrl_c_and_reuses_the_second_time(tmp_path: Path):
    first_output, first_seconds = run_until_ready_then_interrupt(tmp_path / "state")
    second_output, second_seconds = run_until_ready_then_interrupt(tmp_path / "state")

    assert "Installing" not in second_output
    assert (tmp_path / "state" / "pgdata" / "PG_VERSION").exists()
    # The staff password is generated once and kept: both runs print the same login.
    assert re.findall(r"Staff login:.*", first_output) == re.findall(r"Staff login:.*", second_output)
    print(f"\n[figures] ./shop run to ready: first {first_seconds:.1f} s, second {second_seconds:.1f} s")


def test_run_refuses_a_port_in_use_and_names_it(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = Ports.free()
        ports = Ports(taken.getsockname()[1], ports.saleor, ports.localstripe, ports.postgres)
        shop = start_shop(tmp_path / "state", ports)
        output = shop.communicate(timeout=120)[0]

    assert shop.returncode == 1
    assert f"Port {ports.storefront} for the storefront is already in use" in output
    assert "SHOP_PORT=<port>" in output


def test_without_python_38_the_error_says_where_to_get_one(monkeypatch):
    monkeypatch.setenv("SALEOR_PYTHON", "/nonexistent/python3.8")
    monkeypatch.setenv("PYENV_ROOT", "/nonexistent")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")

    with pytest.raises(RunnerError, match=r"pyenv install 3\.8\.18"):
        environments.find_python38()


def test_postgres_that_cannot_start_points_to_its_log(tmp_path: Path):
    pgdata = tmp_path / "pgdata"
    postgres.init_data_folder(pgdata, "secret-password")
    with open(pgdata / "postgresql.conf", "a") as conf:
        conf.write("\nshared_buffers = 'plenty'\n")
    processes = ProcessGroup()
    log = tmp_path / "logs" / "postgres.log"
    log.parent.mkdir()
    port = Ports.free().postgres
    try:
        postgres.start(processes, pgdata, port, log)
        with pytest.raises(RunnerError, match="PostgreSQL failed to start") as raised:
            postgres.wait_until_ready(processes, f"postgresql://postgres:x@127.0.0.1:{port}/postgres", log)
    finally:
        processes.stop_all()
    assert str(log) in str(raised.value)
    assert "shared_buffers" in str(raised.value)
