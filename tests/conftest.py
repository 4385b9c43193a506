"""Session-wide fixtures: one real shop (PostgreSQL, Saleor 2.10.1, localstripe, storefront)
started on free ports through the runner's own Stack, in the git-ignored .local/test folder."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable, Iterator

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, sync_playwright

from deploy.runner import caching_proxy
from deploy.runner.environments import ensure_chromium, ensure_test_packages
from deploy.runner.layout import ROOT, Ports, StateDir
from deploy.runner.processes import ProcessGroup
from deploy.runner.stack import Stack
from shared_cache.page_cache import GENERATION_CHECK_SECONDS
from tests.checkout.buyer import TAX_FAULT_EMAIL_DOMAIN, Buyer
from tests.faults import FaultProxy
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI

# SHOP_TEST_STATE_DIR lets two test runs share a checkout (each its own databases and logs).
TEST_STATE = StateDir(Path(os.environ.get("SHOP_TEST_STATE_DIR", ROOT / ".local" / "test")))
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# localstripe delivers its webhooks "after about a second" (ARCHITECTURE.md); with margin.
LOCALSTRIPE_WEBHOOK_DELAY = 2.0


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[Mailbox, str]]:
    """A real SMTP server and its URL for the storefront's EMAIL_URL."""
    box = Mailbox()
    url = box.start()
    yield box, url
    box.stop()


@pytest.fixture(scope="session")
def mailbox(smtp_server: tuple[Mailbox, str]) -> Mailbox:
    """Every e-mail the shop sends during the tests arrives here over real SMTP."""
    return smtp_server[0]


def empty_state_folder(state: StateDir) -> None:
    """Orders, checkout attempts, the cache table and logs of an earlier session would leak into
    this one: every session starts from nothing (the virtual environments live elsewhere)."""
    if state.path.exists():
        shutil.rmtree(state.path)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session (Playwright's sync API allows one per thread)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shop(smtp_server: tuple[Mailbox, str]) -> Iterator[Stack]:
    empty_state_folder(TEST_STATE)
    # Given to this stack only, never through os.environ, so nothing leaks into the runs that
    # tests start themselves (tests/runner/ runs ./shop as a newcomer would).
    settings = {
        "EMAIL_URL": smtp_server[1],
        # Server-Timing headers let tests count Saleor calls and SQL queries per request.
        "SERVER_TIMING": "1",
        # Every test visitor comes from 127.0.0.1; the per-address limit is what the tests exercise.
        "NEWSLETTER_SIGNUPS_PER_IP": "1000/h",
        "STAFF_SIGN_INS_PER_IP": "1000/m",
        "ANALYTICS_BEACONS_PER_IP": "1000/minute",
        # Every page view measures its speed, so a test's one visit is a sample.
        "ANALYTICS_VITALS_SAMPLE": "1",
        # As in production, whatever the developer's shell relaxed for `./shop run`.
        "STAFF_SECOND_FACTOR": "required",
        # The tests play a reverse proxy on 127.0.0.1 that names visitors in X-Real-IP.
        "TRUSTED_PROXIES": "127.0.0.1",
        # Faults heal within seconds in the tests: shorter mail timeouts, faster stall detection
        # and fewer tries (2, 4, 8 s apart) keep them quick; the logic is the production one.
        "EMAIL_TIMEOUT": "4",
        "JOB_HEARTBEAT_SECONDS": "2",
        "JOB_STALLED_AFTER_SECONDS": "8",
        "JOB_MAX_ATTEMPTS": "4",
        # A payment whose outcome is unknown is looked at after 20 s instead of 45 (the settle
        # sweep runs every 15 s either way); its locks keep it apart from a buyer still paying.
        "SETTLE_AFTER_SECONDS": "20",
        # Hundreds of test carts enter checkout and leave it unpaid within minutes: no test but the
        # waiting room's own (which starts a storefront with a room of 2) should meet a queue.
        "CHECKOUT_ADMISSION_LIMIT": "100000",
        # Tests of two or more units price them without the multi-buy saving; its own tests run a
        # storefront with the offer on (tests/cart/test_multi_buy.py).
        "MULTI_BUY_OFFER": "false",
    }
    # durable=False: fsync off, the test database is thrown away anyway.
    # Orders of buyers at this domain make Saleor's tax hook fail (tests/checkout/test_tax_hook_fault.py).
    saleor_settings = {"TAX_FAULT_EMAIL_DOMAIN": TAX_FAULT_EMAIL_DOMAIN}
    stack = Stack(TEST_STATE, Ports.free(), durable=False, storefront_settings=settings, saleor_settings=saleor_settings)
    # The storefront (and its job worker) reach Saleor, and Saleor reaches localstripe,
    # through proxies the fault tests can break; while healed they only pass bytes on.
    stack.saleor_wire = FaultProxy(stack.ports.saleor)
    stack.stripe_wire = FaultProxy(stack.ports.localstripe)
    for wire in (stack.saleor_wire, stack.stripe_wire):
        wire.up()
    stack.saleor_url_for_storefront = stack.saleor_wire.url
    stack.localstripe_url_for_saleor = stack.stripe_wire.url
    try:
        stack.start()
        smtp_server[0].jobs_settled = lambda: _job_queue_settled(stack)
        yield stack
    finally:
        stack.stop()
        for wire in (stack.saleor_wire, stack.stripe_wire):
            wire.down()


def _job_queue_settled(stack: Stack) -> bool:
    """Nothing waiting to run within the next minute, and nothing running."""
    with psycopg.connect(stack.database_url("storefront"), autocommit=True, connect_timeout=5) as connection:
        waiting = connection.execute(
            "SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing' OR (status = 'todo' "
            "AND (scheduled_at IS NULL OR scheduled_at < now() + interval '1 minute'))"
        ).fetchone()[0]
    return waiting == 0


@pytest.fixture(scope="module")
def proxy_url(shop: Stack, request: pytest.FixtureRequest) -> Iterator[str]:
    """The caching proxy (nginx with compose's rules) in front of the test stack, one per test
    module, with its cache folder named after the module."""
    ensure_test_packages()
    folder = shop.state.path / f"caching-proxy-{request.module.__name__.rsplit('.', 1)[-1]}"
    shutil.rmtree(folder, ignore_errors=True)
    processes = ProcessGroup()
    try:
        yield caching_proxy.start(processes, folder, listen_port=Ports.free().storefront, storefront_port=shop.ports.storefront)
    finally:
        processes.stop_all()


@pytest.fixture
def saleor_wire(shop: Stack) -> Iterator[FaultProxy]:
    """The storefront's line to Saleor, healed again after the test."""
    yield shop.saleor_wire
    shop.saleor_wire.heal()


@pytest.fixture
def stripe_wire(shop: Stack) -> Iterator[FaultProxy]:
    """Saleor's line to Stripe (localstripe), healed again after the test."""
    yield shop.stripe_wire
    shop.stripe_wire.heal()


@pytest.fixture
def browser_client(shop: Stack) -> Iterator[httpx.Client]:
    """A plain HTTP client on the storefront, as a browser without JavaScript sees it."""
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}", timeout=10) as client:
        yield client


@pytest.fixture
def staff_api(shop: Stack) -> SaleorStaffAPI:
    """Signed in per test: Saleor's staff tokens expire after 5 minutes."""
    return SaleorStaffAPI.sign_in(f"{shop.saleor_url}/graphql/", shop.staff_email, shop.staff_password)


@pytest.fixture
def purge_catalog(shop: Stack):
    def purge() -> None:
        shop.storefront_manage("purge_catalog_cache")
        # Each storefront process reads the catalog generation at most once a second for its
        # in-memory page cache: after that, every page shows the purge.
        time.sleep(GENERATION_CHECK_SECONDS + 0.2)

    return purge


@pytest.fixture
def new_buyer(shop: Stack) -> Iterator[Callable[..., Buyer]]:
    made: list[Buyer] = []

    def make(email: str = "buyer@example.com") -> Buyer:
        buyer = Buyer(shop, email=email)
        made.append(buyer)
        return buyer

    yield make
    # localstripe posts its own webhooks about a second after a payment: let them land in the
    # test that caused them, not in whichever test runs next.
    last_payment = max((buyer.last_paid_at for buyer in made), default=0.0)
    if last_payment:
        time.sleep(max(0.0, last_payment + LOCALSTRIPE_WEBHOOK_DELAY - time.monotonic()))
    for buyer in made:
        buyer.close()


@pytest.fixture
def buyer(new_buyer) -> Buyer:
    return new_buyer()


@pytest.fixture
def stock(staff_api: SaleorStaffAPI, purge_catalog):
    """Set how many QL Claws are on sale for a test; 100 again afterwards. The catalog cache is
    purged each time, so pages show the new stock at once and no later test sees a stale one."""
    def set_available(quantity: int) -> None:
        staff_api.set_available("QLC-001", quantity)
        purge_catalog()

    yield set_available
    set_available(100)
