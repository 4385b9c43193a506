"""`./shop run` as a newcomer uses it: ready with URLs and a staff login, Ctrl-C stops all,
a second run reuses what the first built, and failures say what to do."""
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx
import psutil
import psycopg
import pytest

from deploy.runner import environments, postgres
from deploy.runner.errors import RunnerError
from deploy.runner.layout import ROOT, VENVS, Ports, StateDir, ensure_port_free
from deploy.runner.local_env import load_or_create
from deploy.runner.processes import ProcessGroup

# What a newcomer's shell has: the machine's own settings (where pip finds packages and
# certificates, where pyenv lives), and none of the shop's variables. The test session's
# storefront settings (SERVER_TIMING, relaxed rate limits, EMAIL_URL) must not reach ./shop.
MACHINE_VARIABLES = {"HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TERM", "PYENV_ROOT",
                     "SSL_CERT_FILE", "SSL_CERT_DIR", "http_proxy", "https_proxy", "no_proxy",
                     "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"}


def newcomer_environment(**shop_variables: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name in MACHINE_VARIABLES or name.startswith("PIP_")}
    # The test session's own environment is not on a newcomer's PATH.
    env["PATH"] = os.pathsep.join(
        folder for folder in os.environ.get("PATH", "").split(os.pathsep) if not folder.startswith(str(VENVS))
    )
    return {**env, **shop_variables}


# Not under pytest's tmp_path: as root, PostgreSQL runs as a user of its own, and every pytest
# session that starts on the machine closes /tmp/pytest-of-<user> to other users again.
NEWCOMER = ROOT / ".local" / "newcomer"


@pytest.fixture
def fresh_clone() -> Iterator[Path]:
    """The project as a clone has it: no virtual environments, no state, nothing built."""
    shutil.rmtree(NEWCOMER, ignore_errors=True)
    project = NEWCOMER / "clone"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".local", "__pycache__", ".pytest_cache", "staticfiles",
    ))
    yield project
    # Its two environments take about a gigabyte.
    shutil.rmtree(NEWCOMER, ignore_errors=True)


def start_shop(project: Path, state_dir: Path, ports: Ports) -> subprocess.Popen:
    env = newcomer_environment(
        SHOP_STATE_DIR=str(state_dir),
        SHOP_PORT=str(ports.storefront),
        SALEOR_PORT=str(ports.saleor),
        LOCALSTRIPE_PORT=str(ports.localstripe),
        POSTGRES_PORT=str(ports.postgres),
    )
    return subprocess.Popen(
        [str(project / "shop"), "run"], cwd=project, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def read_until_ready(shop: subprocess.Popen, timeout: float) -> str:
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


def processes_using(folder: Path) -> list:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if any(str(folder) in part for part in process.info["cmdline"] or []):
                found.append(process)
        except psutil.Error:
            continue
    return found


def database_cluster_id(state: StateDir, port: int) -> int:
    """PostgreSQL's system identifier: a new one every time initdb makes a data folder."""
    password = load_or_create(state.env_file)["POSTGRES_PASSWORD"]
    url = f"postgresql://{postgres.SUPERUSER}:{password}@127.0.0.1:{port}/postgres"
    with psycopg.connect(url, connect_timeout=10) as connection:
        return connection.execute("SELECT system_identifier FROM pg_control_system()").fetchone()[0]


def run_until_ready_then_interrupt(project: Path, state: StateDir, timeout: float) -> tuple[str, float, int]:
    ports = Ports.free()
    started = time.monotonic()
    shop = start_shop(project, state.path, ports)
    try:
        output = read_until_ready(shop, timeout)
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
        cluster = database_cluster_id(state, ports.postgres)
    finally:
        shop.send_signal(signal.SIGINT)
        rest = shop.communicate(timeout=60)[0]
    assert shop.returncode == 0, rest
    assert processes_using(state.path) == []
    for port in (ports.storefront, ports.saleor, ports.localstripe, ports.postgres):
        ensure_port_free(port, "a test", "NONE")
    return output, seconds, cluster


# Installing both environments from scratch takes minutes on a busy two-core machine.
@pytest.mark.timeout(2000)
def test_run_starts_the_shop_prints_the_login_stops_on_ctrl_c_and_reuses_the_second_time(fresh_clone: Path):
    # A clone of its own: its first run must build both environments, not find ours.
    project = fresh_clone
    state = StateDir(NEWCOMER / "state")

    first_output, first_seconds, first_cluster = run_until_ready_then_interrupt(project, state, timeout=1200)
    second_output, second_seconds, second_cluster = run_until_ready_then_interrupt(project, state, timeout=300)

    assert "Installing the storefront environment" in first_output
    assert "Installing the Saleor 2.10.1 (Python 3.8) environment" in first_output
    assert "Installing" not in second_output
    # The same database, not a new one made by initdb.
    assert second_cluster == first_cluster
    # The staff password is generated once and kept: both runs print the same login.
    assert re.findall(r"Staff login:.*", first_output) == re.findall(r"Staff login:.*", second_output)
    print(f"\n[figures] fresh clone, ./shop run to ready: first {first_seconds:.1f} s (installs), "
          f"second {second_seconds:.1f} s")


def test_run_refuses_a_port_in_use_and_names_it(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = Ports.free()
        ports = Ports(taken.getsockname()[1], ports.saleor, ports.localstripe, ports.postgres)
        shop = start_shop(ROOT, tmp_path / "state", ports)
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
