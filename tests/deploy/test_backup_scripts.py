"""The backup service's own scripts (deploy/backup/), run on this machine against the test
stack's PostgreSQL with the same server binaries: a backup keeps the newest BACKUP_KEEP and
removes older ones and unfinished leftovers; the healthcheck turns red when no good backup is
recent; a restore into empty databases brings both databases and the media folder back.
(The compose test runs the same scripts in their containers, slowly; this one runs in seconds.)"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import psycopg

from deploy.runner import postgres
from deploy.runner.layout import ROOT, Ports
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import Stack

SCRIPTS = ROOT / "deploy" / "backup"
OLD_BACKUPS = ["20200101T000001Z", "20200101T000002Z", "20200101T000003Z"]


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The wheel's client programs first: pg_dump refuses a server newer than itself.
    path = f"{postgres.POSTGRES_BIN_PATH}:{os.environ['PATH']}"
    return subprocess.run(["sh", str(SCRIPTS / script), *args], env={"PATH": path, "LC_ALL": "C", **env},
                          capture_output=True, text=True, timeout=600)


def count(url: str, sql: str) -> int:
    with psycopg.connect(url) as db:
        return db.execute(sql).fetchone()[0]


def test_a_backup_keeps_the_newest_and_a_restore_brings_databases_and_media_back(shop: Stack, tmp_path: Path):
    backups, media = tmp_path / "backups", tmp_path / "media"
    picture = os.urandom(4096)
    (media / "products").mkdir(parents=True)
    (media / "products" / "ql-claw-front.png").write_bytes(picture)
    for stamp in OLD_BACKUPS:
        (backups / stamp).mkdir(parents=True)
        (backups / stamp / "media.tar.gz").write_bytes(b"an old backup")
    (backups / ".partial-20200101T000004Z").mkdir()  # a backup that died half-way
    source = {"PGHOST": "127.0.0.1", "PGPORT": str(shop.ports.postgres), "PGUSER": postgres.SUPERUSER,
              "PGPASSWORD": shop.secrets["POSTGRES_PASSWORD"]}
    folders = {"BACKUP_DIR": str(backups), "MEDIA_DIR": str(media)}
    orders = count(shop.database_url("saleor"), "SELECT count(*) FROM order_order")
    attempts = count(shop.database_url("storefront"), "SELECT count(*) FROM checkout_checkoutattempt")

    made = run("backup.sh", "once", env={**source, **folders, "BACKUP_KEEP": "2"})

    assert made.returncode == 0, made.stderr
    stamp = re.search(r"backup (\d{8}T\d{6}Z): \d+ KiB", made.stdout).group(1)
    assert sorted(entry.name for entry in backups.iterdir()) == sorted([".last-success", stamp, OLD_BACKUPS[-1]])
    assert sorted(entry.name for entry in (backups / stamp).iterdir()) == ["media.tar.gz", "saleor.dump", "storefront.dump"]
    healthcheck = {**folders, "BACKUP_INTERVAL_SECONDS": "3600"}
    assert run("backup.sh", "healthcheck", env=healthcheck).returncode == 0
    (backups / ".last-success").write_text(f"{int(time.time()) - 2 * 3600 - 60}\n")  # two intervals without one
    assert run("backup.sh", "healthcheck", env=healthcheck).returncode != 0

    # The media folder is lost (a picture gone, another file in its place) and the databases
    # are new and empty, as after losing the volumes: the restore brings everything back.
    (media / "products" / "ql-claw-front.png").unlink()
    (media / "left-over.txt").write_text("not in the backup")
    target_dir = shop.state.path / f"restore-{uuid.uuid4().hex[:8]}"
    password, passwords = secrets.token_hex(8), {name: secrets.token_hex(8) for name in ("saleor", "storefront")}
    port = Ports.free().postgres
    server = f"postgresql://{postgres.SUPERUSER}:{password}@127.0.0.1:{port}"
    processes = ProcessGroup()
    try:
        postgres.init_data_folder(target_dir / "pgdata", password)
        postgres.start(processes, target_dir / "pgdata", port, target_dir / "postgres.log", durable=False)
        postgres.wait_until_ready(processes, f"{server}/postgres", target_dir / "postgres.log")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in ("saleor", "storefront"):  # as deploy/postgres/create-databases.sh makes them
                admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{passwords[name]}'")
                admin.execute(f"CREATE DATABASE {name} OWNER {name}")

        restored = run("restore.sh", env={**folders, "PGHOST": "127.0.0.1", "PGPORT": str(port),
                                          "SALEOR_DB_PASSWORD": passwords["saleor"],
                                          "STOREFRONT_DB_PASSWORD": passwords["storefront"]})

        assert restored.returncode == 0, restored.stderr[-3000:]
        assert f"restored media from {stamp}" in restored.stdout  # the newest, not the old one kept
        assert count(f"{server}/saleor", "SELECT count(*) FROM order_order") == orders
        assert count(f"{server}/storefront", "SELECT count(*) FROM checkout_checkoutattempt") == attempts
        assert count(f"{server}/saleor", "SELECT count(*) FROM pg_tables WHERE tableowner = 'saleor'") > 0
    finally:
        processes.stop_all()
        shutil.rmtree(target_dir, ignore_errors=True)
    assert (media / "products" / "ql-claw-front.png").read_bytes() == picture
    assert sorted(path.name for path in media.iterdir()) == ["products"]  # nothing else, no staging folder
