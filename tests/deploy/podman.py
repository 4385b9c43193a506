"""docker-compose.yml for real on this machine: podman with runc, podman-compose, and stand-ins for
the official base images built from Debian packages (no container registry is reachable here).

Every image is tagged with a hash of what goes into it, so a second run reuses it. Only the
containers, networks and volumes of our own compose project are ever removed.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy.runner import environments
from deploy.runner.layout import PODMAN_COMPOSE_VENV, ROOT

STANDINS = Path(__file__).parent / "standins"
STATE = ROOT / ".local" / "containers"
PYTHON38 = Path.home() / ".pyenv" / "versions" / "3.8.18"
# podman's defaults exceed this machine's hard limits, and crun cannot run in its cgroup mode.
CONTAINERS_CONF = """\
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1000:1000"]
[engine]
runtime = "runc"
"""


class ContainerError(RuntimeError):
    pass


def run(command: list[str], *, timeout: float = 600, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=podman_env(), capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise ContainerError(f"{' '.join(command[:6])} … failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def podman_env() -> dict[str, str]:
    return {**os.environ, "CONTAINERS_CONF": str(STATE / "containers.conf")}


def ensure_tools() -> None:
    """podman, runc and debootstrap come from Debian and podman-compose from its lock (./shop test
    installs both); podman gets our own configuration file, nothing on the machine is changed."""
    environments.ensure_test_packages()
    environments.ensure_podman_compose_venv()
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / "containers.conf").write_text(CONTAINERS_CONF)


def _hash(*parts: bytes | str | Path) -> str:
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            paths = sorted(p for p in part.rglob("*") if p.is_file() and not {"__pycache__", "staticfiles"} & set(p.parts)) if part.is_dir() else [part]
            for path in paths:
                digest.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode())
                digest.update(path.read_bytes())
        else:
            digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()[:16]


def image_exists(tag: str) -> bool:
    return run(["podman", "image", "exists", tag], check=False).returncode == 0


def _debian_mirror() -> str:
    """The Debian mirror the host's apt uses (no mirror is named here)."""
    for source in sorted(Path("/etc/apt/sources.list.d").glob("*.sources")) + [Path("/etc/apt/sources.list")]:
        if source.exists():
            match = re.search(r"^URIs:\s*(\S+/debian)\s*$|^deb\s+(\S+/debian)\s+bookworm", source.read_text(), re.M)
            if match:
                return match.group(1) or match.group(2)
    raise ContainerError("no Debian mirror in /etc/apt/sources.list.d: debootstrap needs one")


@dataclass
class Images:
    """The tags compose is given (POSTGRES_IMAGE, …) and how long building them took."""

    tags: dict[str, str] = field(default_factory=dict)
    built: list[tuple[str, float]] = field(default_factory=list)  # (image, seconds) built this run

    def compose_env(self) -> dict[str, str]:
        return {
            "POSTGRES_IMAGE": self.tags["postgres"], "REDIS_IMAGE": self.tags["redis"], "NGINX_IMAGE": self.tags["nginx"],
            "PYTHON_BASE_IMAGE": self.tags["python3.11"], "SALEOR_BASE_IMAGE": self.tags["python3.8"],
            "STOREFRONT_IMAGE": self.tags["storefront"], "SALEOR_IMAGE": self.tags["saleor"],
            "LOCALSTRIPE_IMAGE": self.tags["localstripe"], "SMTP_IMAGE": self.tags["smtp"],
        }


def _timed_build(images: Images, name: str, tag: str, build) -> None:
    if image_exists(tag):
        images.tags[name] = tag
        return
    started = time.monotonic()
    build()
    images.built.append((name, time.monotonic() - started))
    images.tags[name] = tag


def _build(tag: str, containerfile: Path, context: Path, base: str) -> None:
    run(["podman", "build", "--layers", "--build-arg", f"BASE={base}", "--build-arg", f"PYTHON_IMAGE={base}",
         "-f", str(containerfile), "-t", tag, str(context)], timeout=1500)


def build_all() -> Images:
    images = Images()
    mirror = _debian_mirror()
    host_ca = Path("/etc/ssl/certs/ca-certificates.crt")
    base_tag = f"localhost/qlclaw-standin/debian:bookworm-{_hash(mirror, host_ca.read_bytes() if host_ca.exists() else b'')}"

    def debootstrap() -> None:
        with tempfile.TemporaryDirectory(dir=STATE) as scratch:
            root = Path(scratch) / "root"
            subprocess.run(["debootstrap", "--variant=minbase", "bookworm", str(root), mirror],
                           check=True, capture_output=True, timeout=900)
            # pip inside builds trusts what the host trusts (kept out of the production Dockerfiles).
            changes = []
            if host_ca.exists():
                shutil.copy(host_ca, root / "etc" / "host-ca.crt")
                changes = ["--change", "ENV PIP_CERT=/etc/host-ca.crt"]
            tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
            subprocess.run(["podman", "import", *changes, "-", base_tag], stdin=tar.stdout, env=podman_env(),
                           check=True, capture_output=True, timeout=600)
            tar.wait()

    _timed_build(images, "debian", base_tag, debootstrap)
    for name in ("postgres", "redis", "nginx", "python3.11"):
        containerfile = STANDINS / f"{name}.Containerfile"
        tag = f"localhost/qlclaw-standin/{name}:{_hash(base_tag, STANDINS)}"
        _timed_build(images, name, tag, lambda: _build(tag, containerfile, STANDINS, base_tag))

    python38_tag = f"localhost/qlclaw-standin/python3.8:{_hash(base_tag, STANDINS / 'python3.8.Containerfile', PYTHON38 / 'bin' / 'python3.8')}"

    def build_python38() -> None:
        with tempfile.TemporaryDirectory(dir=STATE) as scratch:
            context = Path(scratch)
            shutil.copytree(PYTHON38, context / "python", symlinks=True,
                            ignore=shutil.ignore_patterns("_sandboxing_*.pth", "__pycache__", "test", "tests"))
            _build(python38_tag, STANDINS / "python3.8.Containerfile", context, base_tag)

    _timed_build(images, "python3.8", python38_tag, build_python38)
    for name in ("localstripe", "smtp"):
        tag = f"localhost/qlclaw-test/{name}:{_hash(images.tags['python3.11'], STANDINS)}"
        _timed_build(images, name, tag, lambda: _build(tag, STANDINS / f"{name}.Containerfile", STANDINS, images.tags["python3.11"]))
    for name, base in (("storefront", images.tags["python3.11"]), ("saleor", images.tags["python3.8"])):
        dockerfile = ROOT / "deploy" / name / "Dockerfile"
        sources = [ROOT / line.split()[1] for line in dockerfile.read_text().splitlines() if line.startswith("COPY ")]
        tag = f"localhost/qlclaw/{name}:{_hash(base, dockerfile, ROOT / '.dockerignore', *sources)}"
        _timed_build(images, name, tag, lambda: run(
            ["podman", "build", "--layers", "--build-arg", f"PYTHON_IMAGE={base}", "-f", str(dockerfile), "-t", tag, str(ROOT)],
            timeout=1500))
    return images


KUBE_PLAY = Path(__file__).parent / "kube-play"


def build_kube_play_images(images: Images) -> None:
    """Two more stand-ins the Kubernetes manifests name: nginx-unprivileged (user 10001, port 8080)
    and redis with the official image's entrypoint (redis.yaml passes options alone). Each is one
    layer over an image build_all() made."""
    for name, base, containerfile in (
        ("nginx-unprivileged", images.tags["nginx"], KUBE_PLAY / "nginx-unprivileged.Containerfile"),
        ("redis-entrypoint", images.tags["redis"], KUBE_PLAY / "redis.Containerfile"),
    ):
        tag = f"localhost/qlclaw-standin/{name}:{_hash(base, containerfile, KUBE_PLAY / 'redis-entrypoint.sh')}"
        _timed_build(images, name, tag, lambda: _build(tag, containerfile, KUBE_PLAY, base))


class ComposeProject:
    """One podman-compose project of our own: up, health, exec, logs, down -v."""

    def __init__(self, name: str, files: list[Path], env_file: Path) -> None:
        self.name = name
        self.files = files
        self.env_file = env_file

    def compose(self, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
        files = [arg for path in self.files for arg in ("-f", str(path))]
        command = [str(PODMAN_COMPOSE_VENV / "bin" / "podman-compose"), "--project-name", self.name,
                   "--env-file", str(self.env_file), *files, *args]
        return run(command, timeout=timeout, check=check, cwd=ROOT)

    def containers(self, service: str | None = None) -> list[str]:
        filters = ["--filter", f"label=io.podman.compose.project={self.name}"]
        if service:
            filters += ["--filter", f"label=com.docker.compose.service={service}"]
        result = run(["podman", "ps", "-a", "--format", "{{.Names}}", *filters])
        return sorted(result.stdout.split())

    def wait_healthy(self, services: list[str], timeout: float) -> float:
        """podman 4.3 runs no healthcheck by itself (no systemd): run each one until all pass."""
        started = time.monotonic()
        pending = {name for service in services for name in self.containers(service)}
        if not pending:
            raise ContainerError(f"no containers for {services}")
        while pending:
            for name in sorted(pending):
                if run(["podman", "healthcheck", "run", name], check=False, timeout=60).returncode == 0:
                    pending.discard(name)
            if not pending:
                break
            if time.monotonic() - started > timeout:
                logs = "\n".join(f"--- {name}\n{self.logs(name)[-2500:]}" for name in sorted(pending))
                raise ContainerError(f"not healthy after {timeout:.0f} s: {sorted(pending)}\n{logs}")
            time.sleep(2)
        return time.monotonic() - started

    def stop(self, *services: str) -> None:
        """Every replica of these services (podman-compose's stop/start are unsure with replicas)."""
        names = [name for service in services for name in self.containers(service)]
        run(["podman", "stop", "--time", "20", *names], timeout=300)

    def start(self, *services: str) -> None:
        """In the order given: each service's dependencies first."""
        for service in services:
            run(["podman", "start", *self.containers(service)], timeout=120)

    def exec(self, container: str, *command: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        return run(["podman", "exec", container, *command], check=check, timeout=timeout)

    def logs(self, container: str) -> str:
        result = run(["podman", "logs", container], check=False)
        return result.stdout + result.stderr

    def volume(self, name: str) -> str:
        return f"{self.name}_{name}"

    def down(self) -> None:
        self.compose("down", "-v", "--timeout", "10", check=False, timeout=300)
        # Anything podman-compose left behind (it stops at the first error): ours only.
        label = f"label=io.podman.compose.project={self.name}"
        containers = run(["podman", "ps", "-aq", "--filter", label], check=False).stdout.split()
        if containers:
            run(["podman", "rm", "-f", *containers], check=False)
        for kind in ("volume", "network"):
            names = run(["podman", kind, "ls", "-q", "--filter", label], check=False).stdout.split()
            if names:
                run(["podman", kind, "rm", "-f", *names], check=False)
