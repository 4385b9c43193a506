"""docker-compose.yml validates (docker-compose 1.29.2 checks a file without an engine) and
describes the same shop the runner starts: same locks, settings module, seed file and ports."""
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from deploy.runner.layout import CATALOG_FILE, COMPOSE_VENV, ROOT, SALEOR_LOCK, STOREFRONT_LOCK
from deploy.runner.stack import SALEOR_SETTINGS, STOREFRONT_THREADS, STOREFRONT_WORKERS, WORKER_CONCURRENCY

SECRETS = {
    "SHOP_HOST": "shop.example.com",
    "POSTGRES_PASSWORD": "pg-secret",
    "SALEOR_DB_PASSWORD": "saleor-db-secret",
    "STOREFRONT_DB_PASSWORD": "storefront-db-secret",
    "BACKUP_DB_PASSWORD": "backup-db-secret",
    "SALEOR_SECRET_KEY": "s" * 50,
    "STOREFRONT_SECRET_KEY": "f" * 50,
    "SHOP_STAFF_PASSWORD": "staff-secret-123",
    "SALEOR_APP_TOKEN": "a" * 30,
    "STRIPE_SECRET_KEY": "sk_test_123",
    "STRIPE_PUBLISHABLE_KEY": "pk_test_123",
    "STRIPE_WEBHOOK_SECRET": "whsec_123",
    "EMAIL_URL": "smtp+tls://shop:mail-secret@mail.example.com:587",
    "SHOP_LEGAL_NAME": "Claw Works LLC",
    "SHOP_STREET_ADDRESS": "1 Market Street",
    "SHOP_CITY": "Portland",
    "SHOP_POSTAL_CODE": "97201",
    "SHOP_ADDRESS_COUNTRY": "US",
    "SHOP_EMAIL": "hello@clawworks.example",
    "SHOP_PHONE": "+1 503 000 0000",
}


def compose_config(compose_file: Path, env: dict) -> subprocess.CompletedProcess:
    clean_env = {"PATH": os.environ["PATH"], "PYTHONWARNINGS": "ignore", **env}
    return subprocess.run(
        [str(COMPOSE_VENV / "bin" / "docker-compose"), "--project-directory", str(ROOT), "-f", str(compose_file), "config"],
        env=clean_env, cwd=ROOT, capture_output=True, text=True,
    )


def test_compose_file_validates_with_its_secrets_set():
    result = compose_config(ROOT / "docker-compose.yml", SECRETS)

    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert set(config["services"]) >= {"postgres", "redis", "saleor", "saleor-worker", "storefront", "worker", "proxy", "backup"}
    # Every long-running service says whether it is healthy (the one-off restore runs and exits).
    unchecked = {name for name, service in config["services"].items() if "healthcheck" not in service} - {"restore"}
    assert unchecked == set()


def test_compose_refuses_to_start_without_secrets():
    missing = {name: value for name, value in SECRETS.items() if name != "SALEOR_SECRET_KEY"}

    result = compose_config(ROOT / "docker-compose.yml", missing)

    assert result.returncode != 0
    assert "set SALEOR_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("missing", ["EMAIL_URL", "SHOP_LEGAL_NAME", "SHOP_PHONE"])
def test_compose_refuses_to_start_without_mail_or_the_sellers_facts(missing: str):
    result = compose_config(ROOT / "docker-compose.yml", {k: v for k, v in SECRETS.items() if k != missing})

    assert result.returncode != 0
    assert f"set {missing}" in result.stderr


def test_the_storefront_runs_as_production_and_trusts_only_the_proxys_visitor_header():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    storefront = config["services"]["storefront"]["environment"]

    assert storefront["SHOP_ENVIRONMENT"] == "production"
    assert storefront["SHOP_LEGAL_NAME"] == "Claw Works LLC" and storefront["EMAIL_URL"] == SECRETS["EMAIL_URL"]
    assert storefront["TRUSTED_PROXIES"]
    # The same concurrency budget as the runner's, and each process named in pg_stat_activity.
    assert (storefront["STOREFRONT_WORKERS"], storefront["STOREFRONT_THREADS"]) == (str(STOREFRONT_WORKERS), str(STOREFRONT_THREADS))
    assert storefront["JOB_WORKER_CONCURRENCY"] == str(WORKER_CONCURRENCY)
    worker = config["services"]["worker"]["environment"]
    assert (storefront["DATABASE_APPLICATION_NAME"], worker["DATABASE_APPLICATION_NAME"]) == ("storefront-web", "storefront-worker")
    assert worker["SHOP_ENVIRONMENT"] == "production" and worker["EMAIL_URL"] == SECRETS["EMAIL_URL"]
    template = (ROOT / "deploy" / "nginx" / "shop.conf.template").read_text()
    # The visitor's real address, not a header value the visitor could have written.
    assert "proxy_set_header X-Real-IP $remote_addr;" in template


def test_a_broken_compose_file_fails_validation(tmp_path: Path):
    broken = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    broken["services"]["storefront"]["ports"] = "8000:8000"  # must be a list
    broken_file = tmp_path / "docker-compose.yml"
    broken_file.write_text(yaml.safe_dump(broken))

    result = compose_config(broken_file, SECRETS)

    assert result.returncode != 0
    assert "ports" in result.stderr


def test_only_the_caching_proxy_is_published_and_saleor_stays_private():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    services = config["services"]

    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert services["proxy"]["environment"]["STOREFRONT_ADDRESS"] == "storefront:8000"
    assert set(services["proxy"]["networks"]) == {"frontend"}
    assert config["networks"]["backend"]["internal"] is True
    assert not config["networks"]["egress"].get("internal")
    # Saleor calls Stripe and the worker the mail provider: both have a way out, nothing published.
    assert set(services["saleor"]["networks"]) == {"backend", "egress"}
    assert set(services["worker"]["networks"]) == {"backend", "egress"}
    assert {"postgres", "redis", "backup"} & {name for name, s in services.items() if "egress" in s["networks"]} == set()
    assert services["storefront"]["environment"]["SALEOR_API_URL"] == "http://saleor:8000/graphql/"


def test_each_application_has_its_own_database_role_and_the_backup_only_reads():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    services = config["services"]

    assert services["storefront"]["environment"]["DATABASE_URL"] == "postgres://storefront:storefront-db-secret@postgres:5432/storefront"
    assert services["saleor"]["environment"]["DATABASE_URL"] == "postgres://saleor:saleor-db-secret@postgres:5432/saleor"
    assert services["backup"]["environment"]["PGUSER"] == "backup"
    assert "pg-secret" not in str({name: s.get("environment") for name, s in services.items() if name != "postgres"})
    init_script = (ROOT / "deploy" / "postgres" / "create-databases.sh").read_text()
    assert "CREATE DATABASE saleor OWNER saleor;" in init_script and "CREATE DATABASE storefront OWNER storefront;" in init_script
    assert "IN ROLE pg_read_all_data" in init_script
    assert all(volume.endswith(":ro") for volume in services["backup"]["volumes"] if "media" in volume)


def test_the_proxy_terminates_tls_and_redacts_order_links_in_its_log():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    proxy = config["services"]["proxy"]

    assert proxy["environment"]["PROXY_LISTEN"] == "443 ssl"
    assert "ssl_certificate /etc/nginx/tls/fullchain.pem;" in proxy["environment"]["PROXY_TLS"]
    template = (ROOT / "deploy" / "nginx" / "shop.conf.template").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in template
    assert "access_log ${PROXY_ACCESS_LOG} shop_redacted;" in template and "$request_uri" not in template.split("log_format")[1].split(";")[0]


def test_images_install_the_same_locks_settings_and_seed_file_the_runner_uses():
    saleor_dockerfile = (ROOT / "deploy" / "saleor" / "Dockerfile").read_text()
    storefront_dockerfile = (ROOT / "deploy" / "storefront" / "Dockerfile").read_text()
    saleor_entrypoint = (ROOT / "deploy" / "saleor" / "entrypoint.sh").read_text()

    assert f"COPY {SALEOR_LOCK.relative_to(ROOT)} " in saleor_dockerfile
    assert f"DJANGO_SETTINGS_MODULE={SALEOR_SETTINGS}" in saleor_dockerfile
    assert f"COPY {STOREFRONT_LOCK.relative_to(ROOT)} " in storefront_dockerfile
    assert f"COPY {CATALOG_FILE.parent.relative_to(ROOT)} /app/seed" in saleor_dockerfile
    assert f"seed_catalog /app/seed/{CATALOG_FILE.name}" in saleor_entrypoint
    for dockerfile in (saleor_dockerfile, storefront_dockerfile):
        for line in dockerfile.splitlines():
            if line.startswith("COPY "):
                source = line.split()[1]
                assert (ROOT / source).exists(), f"{source} in a Dockerfile does not exist"


def test_env_example_names_every_variable_the_compose_files_read():
    read = set()
    for compose_file in (ROOT / "docker-compose.yml", ROOT / "deploy" / "compose.scale.yml"):
        read |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", compose_file.read_text()))
    example = (ROOT / "deploy" / "env.example").read_text()
    # Set or shown commented out with its default.
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))

    assert read, "no variables found in the compose files"
    assert read - named == set()
    assert set(SECRETS) <= named


LOG_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


def log_bytes(size: str) -> int:
    """Docker's size notation ("10m", "512k", "1g") in bytes."""
    match = re.fullmatch(r"(\d+)([kmg]?)b?", size.strip().lower())
    assert match, f"unreadable log size {size!r}"
    return int(match.group(1)) * LOG_UNITS.get(match.group(2), 1)


def test_every_service_keeps_a_bounded_log_as_the_privacy_page_states():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    privacy = (ROOT / "content" / "privacy.md").read_text()
    stated = re.search(r"\*\*Server logs:\*\*[^\n]*?(\d+) MB per service", privacy)
    assert stated, "the privacy page states how much server log is kept"

    kept = {}
    for name, service in config["services"].items():
        logging = service.get("logging") or {}
        options = logging.get("options") or {}
        # json-file (Docker) and k8s-file (podman) rotate by size; "local" rotates by default too.
        assert logging.get("driver") in {"json-file", "k8s-file"}, f"{name} logs without a rotating driver"
        assert "max-size" in options and "max-file" in options, f"{name} keeps an unbounded log"
        kept[name] = log_bytes(options["max-size"]) * int(options["max-file"])

    assert set(kept) >= {"postgres", "redis", "saleor", "saleor-worker", "storefront", "worker", "proxy", "backup"}
    assert max(kept.values()) <= int(stated.group(1)) * 1024**2, kept


def test_the_metrics_process_is_on_the_internal_network_only_and_not_behind_the_proxy():
    config = yaml.safe_load(compose_config(ROOT / "docker-compose.yml", SECRETS).stdout)
    services = config["services"]
    metrics = services["metrics"]

    assert metrics["command"] == ["python", "manage.py", "serve_metrics", "--port", "9100", "--shop-figures"]
    assert "ports" not in metrics and "expose" not in metrics
    assert set(metrics["networks"]) == {"backend"}
    assert config["networks"]["backend"]["internal"] is True
    # Nothing on the proxy's network can reach it, and the proxy forwards to the storefront only.
    assert "backend" not in services["proxy"]["networks"]
    assert services["proxy"]["environment"]["STOREFRONT_ADDRESS"] == "storefront:8000"
    assert "9100" not in (ROOT / "deploy" / "nginx" / "shop.conf.template").read_text()
    assert metrics["environment"]["PROMETHEUS_MULTIPROC_DIR"] == "/run/metrics"
    assert metrics["environment"]["DATABASE_APPLICATION_NAME"] == "storefront-metrics"
