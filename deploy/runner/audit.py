"""`./shop audit`: pip-audit against the storefront's lock and Saleor's.

The findings the shop has accepted are listed in deploy/audit-ignore.txt, each explained in the
dependency risk register (docs/dependency-risks.md); any other finding fails the command, and so
does a package whose vulnerability data could not be read (an audit that read nothing proves
nothing).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

from .environments import ensure_venv
from .layout import ROOT, SALEOR_LOCK, STOREFRONT_LOCK, VENVS

AUDIT_LOCK = ROOT / "deploy" / "runner" / "audit-requirements.lock"
AUDIT_VENV = VENVS / "audit"
IGNORE_FILE = ROOT / "deploy" / "audit-ignore.txt"
AUDITED_LOCKS = {"storefront": STOREFRONT_LOCK, "Saleor 2.10.1": SALEOR_LOCK}


def accepted_ids(ignore_file: Path = IGNORE_FILE) -> List[str]:
    """One vulnerability id per line (CVE, GHSA or PYSEC; pip-audit matches aliases); # starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in ignore_file.read_text().splitlines())
    return [line for line in lines if line]


def audit() -> int:
    python = ensure_venv(AUDIT_VENV, sys.executable, [AUDIT_LOCK], "dependency audit (pip-audit)")
    ignored = [arg for vuln_id in accepted_ids() for arg in ("--ignore-vuln", vuln_id)]
    worst = 0
    for name, lock in AUDITED_LOCKS.items():
        print(f"• Auditing the {name} lock ({lock.relative_to(ROOT)})…", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as report_file:
            # --disable-pip --no-deps: read the pins as written (Saleor's are for Python 3.8, not this one).
            subprocess.call([str(python), "-m", "pip_audit", "--requirement", str(lock), "--disable-pip", "--no-deps",
                             "--progress-spinner", "off", "--format", "json", "--output", report_file.name, *ignored],
                            stderr=subprocess.DEVNULL)
            try:
                report = json.loads(Path(report_file.name).read_text() or "{}")
            except ValueError:
                report = {}
        worst = max(worst, _verdict(report))
    return worst


def _verdict(report: dict) -> int:
    dependencies = report.get("dependencies", [])
    if not dependencies:
        print("  ✗ pip-audit wrote no report (see `pip-audit --help`; is the package index reachable?)", flush=True)
        return 2
    unread = [f"{d['name']} {d.get('version', '')}".strip() for d in dependencies if d.get("skip_reason")]
    found = [(d["name"], d["version"], v["id"], v.get("aliases", []), v.get("fix_versions", []))
             for d in dependencies for v in d.get("vulns", [])]
    for package, version, vuln_id, aliases, fixes in found:
        fixed = f"; fixed in {', '.join(fixes)}" if fixes else ""
        print(f"  ✗ {package} {version}: {vuln_id} ({', '.join(aliases) or 'no aliases'}){fixed}", flush=True)
    if unread:
        print(f"  ✗ No vulnerability data could be read for {len(unread)} of {len(dependencies)} packages "
              f"(e.g. {', '.join(unread[:3])}): the package index answered without it. Nothing is proven until "
              "the audit runs where the index's JSON API has per-release vulnerability data.", flush=True)
        return 2
    if found:
        print("  A new finding: fix the pin, or explain it in docs/dependency-risks.md and add its id to "
              "deploy/audit-ignore.txt.", flush=True)
        return 1
    print(f"  ✓ {len(dependencies)} packages, no finding beyond the accepted ones.", flush=True)
    return 0
