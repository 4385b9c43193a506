"""Where things live on disk, and which ports the services use."""
from __future__ import annotations

import os
import socket
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .errors import RunnerError

ROOT = Path(__file__).resolve().parents[2]
VENVS = ROOT / ".venv"
SALEOR_VENV = VENVS / "saleor"
STOREFRONT_VENV = VENVS / "storefront"
COMPOSE_VENV = VENVS / "compose"
PODMAN_COMPOSE_VENV = VENVS / "podman-compose"
KUBERNETES_VENV = VENVS / "kubernetes"
MOTO_VENV = VENVS / "moto"
INSTALLER_VENV = VENVS / "installer"

SALEOR_LOCK = ROOT / "deploy" / "saleor" / "requirements.lock"
STOREFRONT_LOCK = ROOT / "storefront" / "requirements.lock"
RUNNER_LOCK = ROOT / "deploy" / "runner" / "requirements.lock"
TESTS_LOCK = ROOT / "tests" / "requirements.lock"
COMPOSE_LOCK = ROOT / "tests" / "deploy" / "compose-requirements.lock"
PODMAN_COMPOSE_LOCK = ROOT / "tests" / "deploy" / "podman-compose-requirements.lock"
KUBERNETES_LOCK = ROOT / "tests" / "deploy" / "kubernetes-requirements.lock"
MOTO_LOCK = ROOT / "tests" / "deploy" / "moto-requirements.lock"
INSTALLER_LOCK = ROOT / "deploy" / "runner" / "installer-requirements.lock"
CATALOG_FILE = ROOT / "deploy" / "seed" / "catalog.yaml"


@dataclass(frozen=True)
class Ports:
    storefront: int
    saleor: int
    localstripe: int
    postgres: int

    @classmethod
    def from_environment(cls) -> Ports:
        """The ports of `./shop run`; each can be moved with an environment variable."""
        return cls(
            storefront=_port_from_env("SHOP_PORT", 8000),
            saleor=_port_from_env("SALEOR_PORT", 8001),
            localstripe=_port_from_env("LOCALSTRIPE_PORT", 8420),
            postgres=_port_from_env("POSTGRES_PORT", 5433),
        )

    @classmethod
    def free(cls) -> Ports:
        """Four different ports nothing listens on now, for a test stack beside a running shop.

        Every probe socket stays bound until all four are chosen: a port released at once could
        be handed out again by the kernel for the next probe, and two services would share it.
        """
        with ExitStack() as probes:
            chosen = []
            for _ in range(4):
                probe = probes.enter_context(socket.socket())
                probe.bind(("127.0.0.1", 0))
                chosen.append(probe.getsockname()[1])
        return cls(*chosen)


@dataclass(frozen=True)
class StateDir:
    """Git-ignored folder of one stack: database files, media, logs, generated secrets."""

    path: Path

    @property
    def pgdata(self) -> Path:
        return self.path / "pgdata"

    @property
    def media(self) -> Path:
        return self.path / "media"

    @property
    def logs(self) -> Path:
        return self.path / "logs"

    @property
    def env_file(self) -> Path:
        return self.path / "env"

    def log(self, name: str) -> Path:
        self.logs.mkdir(parents=True, exist_ok=True)
        return self.logs / f"{name}.log"


def _port_from_env(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise RunnerError(f"{name}={value!r} is not a port number (1-65535).")
    return int(value)


def ensure_port_free(port: int, service: str, variable: str) -> None:
    with socket.socket() as probe:
        # Like the servers themselves, ignore connections of a previous run left in TIME_WAIT.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise RunnerError(
                f"Port {port} for {service} is already in use. Stop the program using it "
                f"(`ss -ltnp 'sport = :{port}'` shows which) or choose another port with "
                f"{variable}=<port>."
            ) from None
