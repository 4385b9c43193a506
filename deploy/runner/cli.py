"""The commands behind ./shop, run inside the storefront environment."""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

from . import audit, environments
from .errors import RunnerError
from .layout import ROOT, Ports, StateDir
from .stack import Stack

# SHOP_STATE_DIR moves the database, media, logs and generated secrets elsewhere.
LOCAL_STATE = StateDir(Path(os.environ.get("SHOP_STATE_DIR", ROOT / ".local" / "shop")))


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM both stop everything cleanly. SIGINT's handler is set explicitly:
    a shell starts background jobs with SIGINT ignored, and Python would keep ignoring it."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def run() -> int:
    environments.ensure_saleor_venv()
    stack = Stack(LOCAL_STATE, Ports.from_environment())
    started = time.monotonic()
    try:
        stack.start()
        print(
            f"\n✓ The QL Claw shop is ready after {time.monotonic() - started:.0f} s.\n"
            f"  Shop:          {stack.storefront_url}/\n"
            f"  Product page:  {stack.storefront_url}/products/ql-claw/\n"
            f"  Health:        {stack.storefront_url}/healthz\n"
            f"  Saleor API:    {stack.saleor_url}/graphql/ (loopback only)\n"
            f"  Stripe:        {'localstripe at ' + stack.localstripe_url if stack.uses_localstripe else 'Stripe (keys from the environment)'}\n"
            f"  Job worker:    1 (capture, e-mails, settling payments), log {LOCAL_STATE.log('worker')}\n"
            f"  Staff login:   {stack.staff_email} / {stack.staff_password}\n"
            "  Second factor: an authenticator app, set up at the first sign-in (STAFF_SECOND_FACTOR=optional skips it)\n"
            f"  Logs:          {LOCAL_STATE.logs}\n"
            "Press Ctrl-C to stop everything.",
            flush=True,
        )
        while True:
            for name, service in list(stack.processes.services.items()):
                if service.process.poll() is not None:
                    raise RunnerError(f"{name} stopped unexpectedly; see {service.log_path}")
            time.sleep(1)
    except KeyboardInterrupt:
        print("\n• Stopping…", flush=True)
        return 0
    finally:
        stack.stop()


def lint() -> int:
    """ruff with the rules in ruff.toml: unused imports, undefined names, import order."""
    return subprocess.call([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT)


def typecheck() -> int:
    """mypy with mypy.ini: all of storefront/ (but migrations and the generated client), annotated throughout."""
    return subprocess.call([sys.executable, "-m", "mypy"], cwd=ROOT)


def test(pytest_args: List[str]) -> int:
    environments.ensure_saleor_venv()
    environments.ensure_compose_venv()
    environments.ensure_podman_compose_venv()
    environments.ensure_kubernetes_venv()
    environments.ensure_moto_venv()
    environments.ensure_test_packages()
    # The whole suite (what CI runs) starts with the lint: seconds, and a stale import fails early.
    if not pytest_args and lint() != 0:
        print("\n✗ ruff found problems (see above); `./shop lint` checks again, `ruff check --fix .` mends most.",
              file=sys.stderr, flush=True)
        return 1
    if not pytest_args and typecheck() != 0:
        print("\n✗ mypy found problems (see above); `./shop typecheck` checks again.", file=sys.stderr, flush=True)
        return 1
    command = [sys.executable, "-m", "pytest", *pytest_args]
    return subprocess.call(command, cwd=ROOT)


def codegen() -> int:
    """Regenerate storefront/saleor_client/generated from Saleor's schema and our operations."""
    environments.ensure_saleor_venv()
    return subprocess.call(
        [str(ROOT / ".venv" / "storefront" / "bin" / "ariadne-codegen"), "--config", "saleor_client/codegen.toml"],
        cwd=ROOT / "storefront",
    )


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="./shop", description="Run or test the QL Claw shop.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="install, migrate, seed and start the whole shop")
    test_parser = commands.add_parser("test", help="run the whole test suite (extra arguments go to pytest)")
    test_parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    commands.add_parser("codegen", help="regenerate the typed Saleor client")
    commands.add_parser("lint", help="check the code with ruff (also the first step of ./shop test)")
    commands.add_parser("typecheck", help="check the annotated code with mypy (also run by ./shop test)")
    commands.add_parser("audit", help="pip-audit both locks; accepted findings are in deploy/audit-ignore.txt")
    args = parser.parse_args(argv)
    _stop_on_signals()
    try:
        if args.command == "run":
            return run()
        if args.command == "test":
            return test(args.pytest_args)
        if args.command == "lint":
            return lint()
        if args.command == "typecheck":
            return typecheck()
        if args.command == "audit":
            return audit.audit()
        return codegen()
    except RunnerError as error:
        print(f"\n✗ {error}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
