"""Reviews are tested through the real flow: a paid order, shipped by the admin, the request's
job, the link in the e-mail, the form, staff moderation and the product page."""
from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta, timezone
from typing import Optional

import httpx
import psycopg
import pytest

from deploy.runner.stack import Stack
from shared_cache.page_cache import GENERATION_CHECK_SECONDS
from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of
from tests.staff.conftest import admin, flash, place_order, post_action  # noqa: F401  (fixtures)

REQUEST_TASK = "reviews.tasks.send_review_request"
PRODUCT_PAGE = "/products/ql-claw/"
GUIDE_PAGE = "/guide/quadratus-lumborum/"  # a guide page with the product card


def ship(admin: httpx.Client, order: dict, quantities: Optional[dict] = None) -> None:
    shipped = post_action(admin, order["id"], "fulfil", {"tracking_number": "1Z999AA10123456784", **(quantities or {})})
    assert "Shipped." in flash(shipped.text), shipped.text[:2000]


def sql(shop: Stack, query: str, *params) -> list[tuple]:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        cursor = db.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def request_jobs(shop: Stack, order_token: str) -> list[tuple]:
    return sql(shop, "SELECT id, status, scheduled_at FROM procrastinate_jobs WHERE task_name = %s "
               "AND args->>'order_token' = %s", REQUEST_TASK, order_token)


def make_request_due(shop: Stack, order_token: str) -> None:
    """The test's clock jump: the request's job, scheduled days ahead, is due now."""
    moved = sql(shop, "UPDATE procrastinate_jobs SET scheduled_at = now() WHERE task_name = %s "
                "AND args->>'order_token' = %s AND status = 'todo' RETURNING id", REQUEST_TASK, order_token)
    assert len(moved) == 1, moved


def request_status(shop: Stack, order_token: str, *, until: str = "", timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        rows = sql(shop, "SELECT status FROM reviews_reviewrequest WHERE order_token = %s", order_token)
        status = rows[0][0] if rows else ""
        if not until or status == until or time.monotonic() > deadline:
            return status
        time.sleep(0.3)


def review_requests_to(mailbox: Mailbox, address: str) -> list:
    return [message for message in mailbox.to(address) if message["Subject"].startswith("How is your")]


def review_link(message) -> str:
    return re.search(r"http://\S+/reviews/[0-9a-f-]{36}/\S+/", text_of(message)).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def made_key(shop: Stack, order_token: str, *, days_ago: float = 0) -> str:
    """A link key signed by the shop itself, as the e-mail would carry it, `days_ago` old."""
    signed_at = (datetime.now(timezone.utc) - timedelta(days=days_ago)).timestamp()
    result = shop.storefront_manage(
        "shell", "-c", f"from reviews.tokens import review_key; print(review_key({order_token!r}, signed_at={signed_at}))"
    )
    return result.stdout.strip().splitlines()[-1]


def reviews_of(shop: Stack, order_token: str) -> list[tuple]:
    return sql(shop, "SELECT id, rating, title, text, status, shown_name FROM reviews_review WHERE order_token = %s",
               order_token)


def submit(client: httpx.Client, path: str, data: dict) -> httpx.Response:
    form = client.get(path)
    assert form.status_code == 200, form.text[:500]
    return client.post(path, data={"csrfmiddlewaretoken": csrf_token(form.text), **data})


def staff_post(admin: httpx.Client, path: str, data: Optional[dict] = None) -> httpx.Response:
    page = admin.get("/staff/reviews/", params={"status": ""})
    return admin.post(path, data={"csrfmiddlewaretoken": csrf_token(page.text), **(data or {})}, follow_redirects=True)


def wait_for_purge() -> None:
    time.sleep(GENERATION_CHECK_SECONDS + 0.3)


def product_jsonld(page_html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data
    raise AssertionError("no Product JSON-LD on the page")


@pytest.fixture
def visitor(shop: Stack):
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base_url, timeout=20, headers={"Origin": base_url}) as client:
        yield client
