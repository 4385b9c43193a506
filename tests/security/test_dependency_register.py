"""The dependency risk register (docs/dependency-risks.md) and `./shop audit`'s ignore file agree,
and what the register says is out of reach is read from Saleor's installed code, not assumed.
Fast: no stack, only files."""
from __future__ import annotations

import re
from pathlib import Path

from deploy.runner import audit
from deploy.runner.audit import IGNORE_FILE, accepted_ids
from deploy.runner.layout import ROOT, SALEOR_VENV

REGISTER = ROOT / "docs" / "dependency-risks.md"
ADVISORY = re.compile(r"\b(?:CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3}|PYSEC-\d{4}-\d+)\b")
SITE_PACKAGES = next(SALEOR_VENV.glob("lib/python3.8/site-packages"))


def register_section(title: str) -> str:
    text = REGISTER.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def python_sources(*packages: str) -> dict[Path, str]:
    return {path: path.read_text(errors="replace") for package in packages
            for path in (SITE_PACKAGES / package).rglob("*.py") if "/tests/" not in str(path)}


def test_every_accepted_advisory_is_in_the_ignore_file_and_every_ignored_one_is_explained():
    accepted = set(ADVISORY.findall(register_section("Accepted")))
    ignored = accepted_ids(IGNORE_FILE)

    assert len(ignored) == len(set(ignored)), "an id is listed twice in deploy/audit-ignore.txt"
    assert set(ignored) - accepted == set(), "ignored by ./shop audit but not explained in the register"
    assert accepted - set(ignored) == set(), "accepted in the register but ./shop audit would still report it"
    assert all(ADVISORY.fullmatch(vuln_id) for vuln_id in ignored)


def test_no_raised_advisory_is_still_ignored_and_each_raised_pin_is_in_saleors_lock():
    raised = register_section("Raised")
    lock = (ROOT / "deploy" / "saleor" / "requirements.lock").read_text().lower()

    assert set(ADVISORY.findall(raised)) & set(accepted_ids(IGNORE_FILE)) == set()
    pins = re.findall(r"^\| ([\w.-]+) \| [^|]*→ (\d[\w.]*)", raised, re.M)
    assert len(pins) == 5
    for package, now in pins:
        assert f"\n{package.lower()}=={now}\n" in lock, f"{package} {now} is not the pin in Saleor's lock"


def test_saleor_never_calls_the_query_apis_of_the_sql_advisories():
    # CVE-2022-28346 (annotate/aggregate/extra with **names), CVE-2022-28347 (explain),
    # CVE-2022-34265 (Trunc/Extract kinds): Saleor's code and its GraphQL layers, plus the overlay.
    sources = python_sources("saleor", "graphene_django", "django_filters", "graphql_jwt")
    sources.update({p: p.read_text() for p in (ROOT / "deploy" / "saleor" / "qlclaw_saleor").rglob("*.py")})
    risky = re.compile(r"\.explain\(|\bTrunc\w*\(|\bExtract\w*\(|\.(?:annotate|aggregate|extra)\(\s*\*\*")

    calls = [f"{path.name}: {match.group(0)}" for path, text in sources.items() for match in risky.finditer(text)]

    assert len(sources) > 500  # the whole of Saleor was read
    assert calls == []


def test_nothing_in_saleors_environment_calls_imagemath():
    users = [path for path, text in python_sources(".").items()
             if "ImageMath" in text and "/PIL/" not in str(path)]

    assert users == []


def test_nothing_in_saleors_environment_uses_lxmls_html_cleaner():
    cleaner = re.compile(r"lxml\.html\.clean|from lxml\.html import [^\n]*\bclean")
    users = [path for path, text in python_sources(".").items()
             if cleaner.search(text) and "/lxml/" not in str(path)]

    assert users == []


def test_no_deployment_gives_celery_a_result_backend():
    deployments = [ROOT / "docker-compose.yml", *(ROOT / "deploy").rglob("*.yaml"), *(ROOT / "deploy").rglob("*.yml"),
                   *(ROOT / "deploy" / "saleor").rglob("*.py"), *(ROOT / "deploy" / "runner").rglob("*.py")]
    saleor_settings = (SITE_PACKAGES / "saleor" / "settings.py").read_text()

    assert [path for path in deployments if "CELERY_RESULT_BACKEND" in path.read_text()] == []
    assert 'CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", None)' in saleor_settings


def test_saleor_decodes_tokens_with_one_hmac_algorithm():
    # CVE-2022-29217 needs the default (all-algorithms) list and an asymmetric key.
    decoder = (SITE_PACKAGES / "graphql_jwt" / "utils.py").read_text()
    defaults = (SITE_PACKAGES / "graphql_jwt" / "settings.py").read_text()
    configured = (SITE_PACKAGES / "saleor" / "settings.py").read_text() + \
        (ROOT / "deploy" / "saleor" / "qlclaw_saleor" / "settings.py").read_text()

    assert "algorithms=[jwt_settings.JWT_ALGORITHM]" in decoder
    assert "'JWT_ALGORITHM': 'HS256'" in defaults
    assert "JWT_ALGORITHM" not in configured and "JWT_PUBLIC_KEY" not in configured


def test_the_audit_fails_on_a_finding_and_on_packages_it_could_not_read(capsys):
    # pip-audit's JSON report, as it writes it: findings left after --ignore-vuln, and skipped packages.
    clean = {"dependencies": [{"name": "django", "version": "3.0.14", "vulns": []}]}
    new_finding = {"dependencies": [{"name": "django", "version": "3.0.14", "vulns": [
        {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "fix_versions": ["3.2.99"]}]}]}
    unread = {"dependencies": [{"name": "amqp", "skip_reason": "Dependency not found and could not be audited"},
                               {"name": "django", "version": "3.0.14", "vulns": []}]}

    assert audit._verdict(clean) == 0
    assert audit._verdict(new_finding) == 1
    assert "django 3.0.14: PYSEC-2099-1 (CVE-2099-0001); fixed in 3.2.99" in capsys.readouterr().out
    assert audit._verdict(unread) == 2
    assert "No vulnerability data could be read for 1 of 2 packages" in capsys.readouterr().out
    assert audit._verdict({}) == 2
