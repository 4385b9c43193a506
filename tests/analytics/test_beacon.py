"""The beacon endpoint is bounded: one row per page, day and event however many beacons arrive;
oversized, malformed, foreign and flooding beacons are refused in plain words; robots and
visitors asking not to be tracked are not counted; no cookie is set."""
from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx

from deploy.runner.stack import STOREFRONT_WORKERS, Stack
from tests.analytics.conftest import counts, row_count, settle_counts, wait_for_count
from tests.storefront_shell import storefront_python

PAGE = "/guide/psoas/"


def beacon(path: str = PAGE, events: tuple[str, ...] = ("page_view",), **extra: object) -> str:
    return json.dumps({"path": path, "events": list(events), **extra})


def from_address(address: str) -> dict[str, str]:
    # The test stack trusts 127.0.0.1 as its reverse proxy, which names the visitor in X-Real-IP.
    return {"X-Real-IP": address, "Content-Type": "text/plain;charset=UTF-8"}


def test_many_beacons_from_many_visitors_add_to_one_row_per_page_day_and_event(shop: Stack, beacon_client: httpx.Client):
    before_rows = row_count(shop)
    before_views = counts(shop, event="page_view", path=PAGE)
    before_visits = counts(shop, event="visit", path=PAGE)

    def send(number: int) -> int:
        address = f"10.31.{number // 250}.{number % 250 + 1}"
        return beacon_client.post("/analytics/beacon/", content=beacon(events=("page_view", "visit")),
                                  headers=from_address(address)).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(send, range(400)))

    assert answers == [204] * 400
    assert wait_for_count(shop, event="page_view", path=PAGE, expected=before_views + 400) == before_views + 400
    assert wait_for_count(shop, event="visit", path=PAGE, expected=before_visits + 400) == before_visits + 400
    # Two events of one page on one day: at most two new rows, whatever the number of hits.
    assert row_count(shop) - before_rows <= 2


def test_a_flood_from_one_address_is_refused_and_cannot_grow_the_table(shop: Stack, beacon_client: httpx.Client):
    address = f"10.32.{uuid.uuid4().int % 250}.7"
    before_rows = row_count(shop)
    before = counts(shop, event="page_view", path="/guide/iliacus/")

    # A connection per beacon, as a flood from many sockets would come (and no reused
    # connection that the server may close just as the next request is written).
    flood = httpx.Client(base_url=beacon_client.base_url, headers=beacon_client.headers, timeout=30,
                         limits=httpx.Limits(max_keepalive_connections=0))

    def send(_: int) -> httpx.Response | None:
        try:
            return flood.post("/analytics/beacon/", content=beacon("/guide/iliacus/"), headers=from_address(address))
        except httpx.TransportError:
            return None  # a socket the busy machine broke: no answer, so nothing known to be counted

    started = time.monotonic()
    with flood, ThreadPoolExecutor(max_workers=8) as pool:
        # Twice what every process accepts in a minute, and more: the limit must be met.
        sent = list(pool.map(send, range(2 * 1000 * STOREFRONT_WORKERS + 1000)))
    answers = [answer for answer in sent if answer is not None]
    broken = len(sent) - len(answers)
    assert broken <= len(sent) // 100, f"{broken} of {len(sent)} beacons got no answer"
    # The limit is a fixed window per process that opens at its first beacon: a flood that
    # lasts longer than a minute (a busy machine) meets a new window each minute.
    windows = int((time.monotonic() - started) // 60) + 1

    accepted = sum(answer.status_code == 204 for answer in answers)
    refused = [answer for answer in answers if answer.status_code == 429]
    # Refused or, should the storefront be saturated, turned away with 503: never counted, never a 500.
    assert {answer.status_code for answer in answers} <= {204, 429, 503}
    # The limit (1000 a minute in the test stack) holds in each storefront process.
    assert 0 < accepted <= 1000 * STOREFRONT_WORKERS * windows
    assert refused[0].headers["Retry-After"] == "60"
    assert "Too many beacons" in refused[0].text
    settle_counts()
    # A beacon whose answer was lost may or may not have been counted; no other can be.
    assert before + accepted <= counts(shop, event="page_view", path="/guide/iliacus/") <= before + accepted + broken
    assert row_count(shop) - before_rows <= 1


def test_oversized_malformed_and_foreign_beacons_are_refused_in_plain_words(shop: Stack, beacon_client: httpx.Client):
    before_rows = row_count(shop)
    headers = from_address("10.33.0.1")

    # As big as a browser's sendBeacon allows (64 KB): read, then refused in words. (A bigger body
    # is refused unread, and its sender may only see the connection close.)
    huge = beacon_client.post("/analytics/beacon/", content=b"x" * 64 * 1024, headers=headers)
    assert huge.status_code == 413
    assert huge.text == "A beacon is at most 2048 bytes."

    refused = {
        "not json": "Not a beacon this shop counts: the body invalid json",
        beacon(events=("paid",)): "events.0 input should be",
        beacon(events=()): "the body must name at least one event or carry vitals",
        beacon(vitals={"LCP": -5}): "vitals.LCP input should be greater than or equal to 0",
        beacon(vitals={"FID": 10}): "vitals.FID extra inputs are not permitted",
        beacon(events=("page_view", "page_view")): "must name each event once",
        beacon("/staff/"): "path is not a page this shop counts",
        # An order's page carries its secret token in the address: never counted.
        beacon(f"/orders/{uuid.uuid4()}/"): "path is not a page this shop counts",
        beacon("/guide/psoas/?email=a@b.c"): "path must be one of the shop's page addresses, without a query string",
        beacon("/no/such/page/here/"): "path is not a page this shop counts",
        beacon(referrer="https://example.org/a/page"): "referrer must be a host name",
        beacon(ip="203.0.113.9"): "ip extra inputs are not permitted",
        json.dumps([1, 2]): "input should be an object",
    }
    for body, words in refused.items():
        answer = beacon_client.post("/analytics/beacon/", content=body, headers=headers)
        assert answer.status_code == 400, body
        assert words in answer.text, (body, answer.text)

    assert beacon_client.get("/analytics/beacon/").status_code == 405
    foreign = beacon_client.post("/analytics/beacon/", content=beacon(), headers={**headers, "Origin": "https://elsewhere.example"})
    assert foreign.status_code == 403
    assert "shop's own pages" in foreign.text
    settle_counts()
    assert row_count(shop) == before_rows


def test_robots_and_visitors_asking_not_to_be_tracked_are_not_counted(shop: Stack, beacon_client: httpx.Client):
    page = "/guide/piriformis/"
    before = counts(shop, event="page_view", path=page)
    quiet = [
        {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"User-Agent": "python-requests/2.32"},
        {"User-Agent": ""},
        {"Sec-GPC": "1"},
        {"DNT": "1"},
    ]
    for extra in quiet:
        answer = beacon_client.post("/analytics/beacon/", content=beacon(page), headers={**from_address("10.34.0.1"), **extra})
        assert answer.status_code == 204, extra
    counted = beacon_client.post("/analytics/beacon/", content=beacon(page), headers=from_address("10.34.0.1"))

    assert counted.status_code == 204
    assert wait_for_count(shop, event="page_view", path=page, expected=before + 1) == before + 1
    settle_counts()
    assert counts(shop, event="page_view", path=page) == before + 1


def test_the_beacon_sets_no_cookie_and_is_never_cached(beacon_client: httpx.Client):
    answer = beacon_client.post("/analytics/beacon/", content=beacon(), headers=from_address("10.35.0.1"))

    assert answer.status_code == 204
    assert "set-cookie" not in answer.headers
    assert "no-cache" in answer.headers["cache-control"]


def test_the_report_is_for_staff_only_and_says_which_periods_it_covers(shop: Stack, admin: httpx.Client):
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}") as anonymous:
        assert anonymous.get("/staff/analytics/").headers["location"].startswith("/staff/sign-in/")
        assert anonymous.get("/staff/analytics/report.csv").status_code == 302

    assert admin.get("/staff/analytics/", params={"days": "30"}).status_code == 200
    wrong = admin.get("/staff/analytics/", params={"days": "9999"})
    assert wrong.status_code == 400
    assert wrong.text == "The report covers 7 or 30 days; choose one of those."
    exported = admin.get("/staff/analytics/report.csv", params={"days": "7"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text.splitlines()[0].startswith("page,title,views,visits begun,reached product,added to cart")


def test_the_dashboard_tile_shows_the_weeks_visits_and_orders(shop: Stack):
    rendered = shop.storefront_manage("shell", "--no-imports", "-c", (
        "from django.template.loader import render_to_string\n"
        "from analytics.selectors import dashboard_tile\n"
        "tile = dashboard_tile()\n"
        "print(tile.visits, tile.orders)\n"
        "print(render_to_string('analytics/_dashboard_tile.html', {'tile': tile}))"
    )).stdout
    figures, html = rendered.split("\n", 1)
    visits, orders = figures.split()

    assert 'id="tile-what-sells"' in html
    assert f">{visits} visit" in html
    assert f"{orders} order" in html
    assert 'href="/staff/analytics/"' in html


TILE_TWICE = r'''
from django.db import connection
from django.test.utils import CaptureQueriesContext
from analytics.selectors import dashboard_tile
first = dashboard_tile()
with CaptureQueriesContext(connection) as second_view:
    again = dashboard_tile()
report_reads = [q["sql"] for q in second_view.captured_queries
                if "analytics_dailycount" in q["sql"] or "checkout_checkoutattempt" in q["sql"]]
print(len(report_reads), again == first)
'''


def test_the_dashboard_tile_reads_the_weeks_report_once_a_minute_not_per_view(shop: Stack):
    result = storefront_python(shop, TILE_TWICE)

    assert result.stdout.split()[-2:] == ["0", "True"], result.stderr
