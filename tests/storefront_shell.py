"""Run a snippet inside the storefront's own Django (its venv, the test stack's settings)."""
from __future__ import annotations

import subprocess

from deploy.runner.environments import venv_python
from deploy.runner.layout import ROOT, STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack


def storefront_python(shop: Stack, script: str, **settings: str) -> subprocess.CompletedProcess:
    """`script` in `manage.py shell`, with the stack's storefront settings plus `settings`."""
    env = {**shop.storefront_env(), **settings}
    return subprocess.run(
        [str(venv_python(STOREFRONT_VENV)), str(STOREFRONT_DIR / "manage.py"), "shell", "--no-imports", "-c", script],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )
