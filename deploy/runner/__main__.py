"""`python3 -m deploy.runner run|test|codegen` — what ./shop calls.

Stage one runs on the system's Python 3.11+ with the standard library only: it builds the
storefront environment, then hands over to `deploy.runner.cli` inside it.
"""
import os
import sys

from .environments import ensure_storefront_venv
from .errors import RunnerError
from .layout import ROOT


def main() -> int:
    try:
        python = ensure_storefront_venv()
    except RunnerError as error:
        print(f"✗ {error}", file=sys.stderr)
        return 1
    os.chdir(ROOT)
    os.execv(str(python), [str(python), "-m", "deploy.runner.cli", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
