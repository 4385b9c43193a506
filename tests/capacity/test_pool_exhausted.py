"""Every pooled PostgreSQL connection of a storefront process in use: a page that needs the
database gets the friendly 503 page with Retry-After once DATABASE_POOL_TIMEOUT passes — never
a 500, never PostgreSQL's "too many clients" — and is served as soon as a connection is free.

The connections are held inside a storefront process (`manage.py shell`, the same settings
and pool as the web processes), by threads, and the page is asked for through Django's full
request handling in that process."""
from __future__ import annotations

import json
import uuid

from deploy.runner.stack import Stack
from tests.storefront_shell import storefront_python

HOLD_EVERY_CONNECTION = """
import json, os, threading, time
import psycopg
from django.conf import settings
from django.db import connection
from django.test import Client

visitor = Client(HTTP_HOST="127.0.0.1")
# Once served, so the timing below is not that of a new process's first page.
assert visitor.get("/products/ql-claw/?pool=warm").status_code == 200
connection.close()  # Django's test client keeps its connection; back into the pool with it
size = settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"]
taken, release = threading.Barrier(size + 1, timeout=30), threading.Event()

def hold():
    connection.ensure_connection()  # this thread's connection, out of the pool
    taken.wait()
    release.wait(60)
    connection.close()  # back into the pool

holders = [threading.Thread(target=hold) for _ in range(size)]
for holder in holders:
    holder.start()
taken.wait()
with psycopg.connect(os.environ["DATABASE_URL"]) as outside:
    open_ = outside.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                            (os.environ["DATABASE_APPLICATION_NAME"],)).fetchone()[0]
started = time.monotonic()
# A query string keeps the in-memory page cache out: the catalog cache (a table) is read.
full = visitor.get("/products/ql-claw/?pool=full")
took = time.monotonic() - started
release.set()
for holder in holders:
    holder.join()
free = visitor.get("/products/ql-claw/?pool=free")
print(json.dumps({"size": size, "open": open_, "full": full.status_code, "retry_after": full.get("Retry-After"),
                  "unavailable": "temporarily unavailable" in full.content.decode(), "took": took,
                  "free": free.status_code}))
"""


def test_with_every_pooled_connection_held_a_page_gets_the_503_page_then_is_served_once_one_is_free(shop: Stack):
    name = f"pool-test-{uuid.uuid4().hex[:8]}"
    ran = storefront_python(shop, HOLD_EVERY_CONNECTION, DATABASE_APPLICATION_NAME=name, DATABASE_POOL_TIMEOUT="1.5")
    assert ran.returncode == 0, ran.stderr[-3000:]
    seen = json.loads(ran.stdout.strip().splitlines()[-1])

    assert seen["open"] == seen["size"] == 8  # STOREFRONT_THREADS connections, every one held
    assert seen["full"] == 503
    assert seen["retry_after"] == "5"
    assert seen["unavailable"]
    assert 1.5 <= seen["took"] < 3.0  # it waited DATABASE_POOL_TIMEOUT for a connection, then answered
    assert seen["free"] == 200
    print(f"the page waited {seen['took']:.2f} s for a connection, then got the 503 page")
