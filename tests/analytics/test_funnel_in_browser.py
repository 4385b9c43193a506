"""Chromium visitors: an order knows the guide page its visit began on and the staff report
attributes it there with Saleor's total; a visit that never adds leaves no landing page; pages
from the caching proxy count; robots and GPC/DNT visitors are not counted."""
from __future__ import annotations

import json
import re
import time
import uuid
from decimal import Decimal

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from deploy.runner.stack import Stack
from tests.analytics.conftest import DESKTOP_CHROME, FLUSH_WAIT, counts, report_row, settle_counts, wait_for_count
from tests.browser.test_buying import enter_card, fill_address
from tests.checkout.buyer import GOOD_CARD
from tests.saleor_api import SaleorStaffAPI


def is_beacon(request) -> bool:
    return request.url.endswith("/analytics/beacon/") and request.method == "POST"


def open_counted(page: Page, path: str) -> None:
    """Open a page and wait until its beacon has gone out."""
    with page.expect_request(is_beacon):
        page.goto(path)


def attempts_landing_on(shop: Stack, path: str) -> list[tuple]:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        return db.execute(
            "SELECT order_token, landing_page, landing_referrer, order_total FROM checkout_checkoutattempt "
            "WHERE landing_page = %s", [path],
        ).fetchall()


def test_an_order_knows_the_guide_page_that_brought_it_and_the_report_counts_it_there(
    visitor: BrowserContext, shop: Stack, admin: httpx.Client, staff_api: SaleorStaffAPI
):
    landing = "/guide/quadratus-lumborum/"
    email = f"landing-{uuid.uuid4().hex[:6]}@example.com"
    before = report_row(admin, landing)
    page = visitor.new_page()

    open_counted(page, landing)
    with page.expect_request(is_beacon):
        page.locator(".product-card .card-title a").first.click()
    expect(page).to_have_url(re.compile(r"/products/ql-claw/$"))
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()
    page.get_by_role("link", name="Go to checkout").click()
    fill_address(page, email)
    expect(page.get_by_label(re.compile("Standard"))).to_be_checked()  # saved in place
    enter_card(page, GOOD_CARD)
    page.get_by_role("button", name=re.compile("^Pay ")).click()
    expect(page.get_by_role("heading", name="Thank you — your order is placed")).to_be_visible()

    order = staff_api.wait_for_orders(email)[0]
    saleor_total = Decimal(str(order["total"]["gross"]["amount"]))
    recorded = {str(row[0]): row for row in attempts_landing_on(shop, landing)}
    assert recorded[order["token"]][1:] == (landing, "", saleor_total)
    for event, column in (("page_view", "views"), ("visit", "visits"), ("product_viewed", "product_views"),
                          ("added_to_cart", "adds"), ("checkout_started", "checkouts")):
        wait_for_count(shop, event=event, path=landing, expected=int(before[column]) + 1)
    after = report_row(admin, landing)
    assert {column: after[column] - before[column] for column in after} == {
        "views": 1, "visits": 1, "product_views": 1, "adds": 1, "checkouts": 1, "orders": 1, "revenue": saleor_total,
    }
    exported = admin.get("/staff/analytics/report.csv", params={"days": "30"}).text
    assert any(line.startswith(f"{landing},") and "Quadratus lumborum" in line for line in exported.splitlines())


def test_a_visit_that_never_adds_to_the_cart_leaves_no_landing_page_stored(visitor: BrowserContext, shop: Stack):
    landing = "/guide/gluteus-minimus/"
    before = counts(shop, event="page_view", path=landing)
    page = visitor.new_page()

    open_counted(page, landing)
    open_counted(page, "/products/ql-claw/")

    assert wait_for_count(shop, event="page_view", path=landing, expected=before + 1) == before + 1
    # No session cookie at all: nothing of the visit reached the shop but the day's counts.
    assert [cookie["name"] for cookie in visitor.cookies() if cookie["name"] != "csrftoken"] == []
    assert attempts_landing_on(shop, landing) == []
    # The first page lives only in the tab, and goes when the tab does.
    assert page.evaluate("sessionStorage.getItem('qlclaw.landing')") == landing


def test_a_page_served_by_the_caching_proxy_is_still_counted(browser: Browser, shop: Stack, proxy_url: str):
    path = "/guide/lumbar-paraspinals/"
    before = counts(shop, event="page_view", path=path)
    cache_states = []
    for _ in range(2):  # two visitors: the second gets the proxy's copy
        context = browser.new_context(base_url=proxy_url, user_agent=DESKTOP_CHROME)
        page = context.new_page()
        with page.expect_response(lambda response: is_beacon(response.request)) as beacon:
            cache_states.append(page.goto(path).headers.get("x-cache"))
        assert beacon.value.status == 204
        context.close()

    assert cache_states[1] == "HIT"
    assert wait_for_count(shop, event="page_view", path=path, expected=before + 2) == before + 2


PRIVACY_SIGNALS = {
    "global privacy control": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})",
    "do not track": "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})",
}


@pytest.mark.parametrize("signal", PRIVACY_SIGNALS)
def test_a_visitor_asking_not_to_be_tracked_sends_nothing(browser: Browser, shop: Stack, signal: str):
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}", user_agent=DESKTOP_CHROME)
    context.add_init_script(PRIVACY_SIGNALS[signal])
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url) if is_beacon(request) else None)

    page.goto("/guide/piriformis/")
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Add to cart").first.click()
    expect(page.get_by_text("Added to your cart.")).to_be_visible()

    assert sent == []
    context.close()


def test_a_robot_browser_is_not_counted(browser: Browser, shop: Stack):
    path = "/guide/weekly-routine/"
    before = counts(shop, event="page_view", path=path)
    # Headless Chromium as it comes: its user agent says HeadlessChrome.
    context = browser.new_context(base_url=f"http://127.0.0.1:{shop.ports.storefront}")
    page = context.new_page()
    with page.expect_response(lambda response: is_beacon(response.request)) as beacon:
        page.goto(path)
    context.close()

    assert beacon.value.status == 204
    settle_counts()
    assert counts(shop, event="page_view", path=path) == before


def vital_samples(shop: Stack, page_type: str) -> dict[str, int]:
    with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
        return dict(db.execute(
            "SELECT metric, sum(count) FROM analytics_vitalcount WHERE page_type = %s GROUP BY metric", [page_type]
        ).fetchall())


def test_real_web_vitals_from_chromium_on_the_product_page_show_in_the_staff_report(
    visitor: BrowserContext, shop: Stack, admin: httpx.Client
):
    before = vital_samples(shop, "product")
    page = visitor.new_page()
    open_counted(page, "/products/ql-claw/")
    # The library arrives after load; waited for in the page (wait_for_function's polling needs eval, which the CSP refuses).
    page.evaluate("() => new Promise(done => { const check = () => window.webVitals ? done() : setTimeout(check, 50); check(); })")
    # The page's largest paint has reached performance observers (the page's own included, which
    # web-vitals registered first), as it would for any visitor who stays a moment.
    page.evaluate("""new Promise(done => new PerformanceObserver((list, observer) => { observer.disconnect(); done(); })
                     .observe({type: 'largest-contentful-paint', buffered: true}))""")
    page.get_by_label("Quantity").click()

    # The visitor switches to another tab: the page reports its vitals (the test stack samples
    # every page view). Headless Chromium has no second window to switch to, so the page is told.
    with page.expect_request(lambda request: is_beacon(request) and '"vitals"' in (request.post_data or "")) as sent:
        page.evaluate("""Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
                         document.dispatchEvent(new Event('visibilitychange', {bubbles: true}))""")
    measured = json.loads(sent.value.post_data)["vitals"]

    assert {"LCP", "TTFB", "CLS"} <= set(measured)
    deadline = time.monotonic() + FLUSH_WAIT
    while vital_samples(shop, "product").get("LCP", 0) < before.get("LCP", 0) + 1 and time.monotonic() < deadline:
        time.sleep(0.25)
    after = vital_samples(shop, "product")
    # One page view: one more sample of each vital it measured, none of any other.
    assert {metric: after.get(metric, 0) - before.get(metric, 0) for metric in ("LCP", "INP", "CLS", "TTFB")} == {
        metric: int(metric in measured) for metric in ("LCP", "INP", "CLS", "TTFB")
    }
    report = admin.get("/staff/analytics/").text
    table = re.search(r'<table class="cart-lines speed" data-page-type="product">(.*?)</table>', report, re.S).group(1)
    shown = {metric: (float(p75), int(samples)) for metric, p75, samples
             in re.findall(r'<tr data-metric="(\w+)" data-p75="([\d.]+)" data-samples="(\d+)">', table)}
    # Every sample of the last 7 days is in the report (the tests' stack starts empty each session).
    assert {metric: samples for metric, (_, samples) in shown.items()} == after
    assert shown["LCP"][0] > 0 and shown["TTFB"][0] > 0
