"""docker-compose.yml started for real (podman, stand-in base images), with two storefronts and two
job workers, and used only through the proxy's published ports: pages over HTTPS, a purchase in
Chromium with a localstripe card, the confirmation e-mail, the admin's order list, then a backup,
a lost database volume, a restore — and the order is there again."""
from __future__ import annotations

import email
import email.policy
import json
import mailbox
import re
import time

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_buying import buy_with_the_good_card, new_email
from tests.deploy import podman
from tests.deploy.conftest import SERVICES, STAFF_EMAIL, ContainerShop
from tests.staff.authenticator import Authenticator, pass_second_factor_in_browser

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
# The order placed in the browser, for the tests after the purchase (they run in file order).
PLACED: dict[str, str] = {}


@pytest.fixture
def page(browser: Browser, container_shop: ContainerShop):
    # The certificate is the test's own self-signed one.
    context = browser.new_context(base_url=container_shop.url, ignore_https_errors=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.csp_violations = violations
    yield page
    context.close()


def https(shop: ContainerShop) -> httpx.Client:
    return httpx.Client(base_url=shop.url, verify=False, timeout=15)


def test_pages_come_over_https_with_its_security_headers_and_plain_http_is_sent_there(container_shop: ContainerShop):
    with https(container_shop) as client:
        home = client.get("/")
        product = client.get("/products/ql-claw/")

    assert home.status_code == 200 and product.status_code == 200
    assert "QL Claw" in product.text
    assert product.headers["strict-transport-security"].startswith("max-age=")
    assert "script-src 'self'" in home.headers["content-security-policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", home.headers["x-request-id"])
    plain = httpx.get(f"{container_shop.http_url}/guide/", follow_redirects=False)
    assert plain.status_code == 301
    assert plain.headers["location"] == "https://127.0.0.1/guide/"  # the same host on HTTPS's port
    # The image's welcome page answers no host name, not even its own "localhost".
    welcome = httpx.get(f"{container_shop.http_url}/", headers={"Host": "localhost"}, follow_redirects=False)
    assert welcome.status_code == 301 and welcome.headers["location"] == "https://localhost/"


def test_saleor_is_out_of_reach_of_the_published_side(container_shop: ContainerShop):
    proxy = container_shop.project.containers("proxy")[0]
    reached = container_shop.project.exec(proxy, "curl", "-sS", "-m", "3", "http://saleor:8000/health/", check=False)
    assert reached.returncode != 0  # the proxy's network has no Saleor on it
    storefront = container_shop.project.containers("storefront")[0]
    health = container_shop.project.exec(storefront, "python", "-c",
                                         "import urllib.request as u; print(u.urlopen('http://saleor:8000/health/').status)")
    assert health.stdout.strip() == "200"


def test_a_buyer_pays_by_card_and_gets_the_order_page_and_the_email(page: Page, container_shop: ContainerShop):
    buyer = new_email("containers")
    token, pay_to_order_page = buy_with_the_good_card(page, buyer)

    number = re.search(r"Order (\d+)", page.get_by_role("main").inner_text())
    assert page.csp_violations == []
    # The job worker sends the confirmation from its own container, through the SMTP container.
    message = wait_for_mail(container_shop, buyer)
    assert f"{container_shop.url}/orders/{token}/" in message.get_body(("plain",)).get_content()
    assert number, page.get_by_role("main").inner_text()
    PLACED.update(email=buyer, token=token, number=number.group(1))
    print(f"\ncontainers: pay -> order page {pay_to_order_page * 1000:.0f} ms (browser, through the proxy)")


def test_the_admin_signs_in_and_finds_the_order_captured(page: Page, container_shop: ContainerShop):
    assert PLACED, "the purchase test must run first"
    page.goto("/staff/")
    page.get_by_label("E-mail").fill(STAFF_EMAIL)
    page.get_by_label("Password").fill(container_shop.staff_password)
    page.get_by_role("button", name="Sign in").click()
    # The containers' shop is another shop with its own admin account (same e-mail, another key).
    pass_second_factor_in_browser(page, STAFF_EMAIL, Authenticator())
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    # The worker captures the payment after the order is placed: the list shows it charged.
    deadline = time.monotonic() + 60
    while True:
        page.goto("/staff/orders/?status=all&q=" + PLACED["email"])
        row = page.get_by_role("row").filter(has_text=PLACED["email"])
        if row.count() == 1 and "Charged" in row.inner_text():
            break
        assert time.monotonic() < deadline, page.get_by_role("main").inner_text()
        time.sleep(2)
    assert page.csp_violations == []


def test_each_storefront_replica_serves_and_logs_json_lines_with_request_ids(container_shop: ContainerShop):
    with https(container_shop) as client:
        # The cart is never cached: every request reaches a storefront.
        sent = {client.get("/cart/").headers["x-request-id"] for _ in range(12)}
    replicas = container_shop.project.containers("storefront")
    assert len(replicas) == 2 and len(container_shop.project.containers("worker")) == 2
    logged: set[str] = set()
    for replica in replicas:
        lines = [json.loads(line) for line in container_shop.project.logs(replica).splitlines() if line.startswith("{")]
        requests = [line for line in lines if line.get("logger") == "storefront.requests"]
        assert requests, f"{replica} logged no request"
        assert all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in requests)
        logged |= {line["request_id"] for line in requests}
        # Order pages are keys to a buyer's data: never in a log.
        assert PLACED["token"] not in container_shop.project.logs(replica)
    proxy_log = container_shop.project.logs(container_shop.project.containers("proxy")[0])
    assert "/orders/REDACTED/" in proxy_log and PLACED["token"] not in proxy_log
    # The admin searched the list by the buyer's e-mail: query strings are not logged.
    assert "/staff/orders/" in proxy_log and PLACED["email"] not in proxy_log
    # The proxy's id for each request is the one the storefront logged.
    assert len(sent) == 12 and sent <= logged
    assert all(request_id in proxy_log for request_id in sent)
    saleor_lines = [json.loads(line) for line in container_shop.project.logs(container_shop.project.containers("saleor")[0]).splitlines()
                    if line.startswith("{")]
    assert any(line.get("logger") == "qlclaw_saleor.requests" and line.get("request_id") for line in saleor_lines)


def test_a_backup_survives_the_loss_of_the_database_volume(container_shop: ContainerShop):
    project = container_shop.project
    backup = project.exec(project.containers("backup")[0], "sh", "/backup/backup.sh", "once", timeout=300)
    size = re.search(r"backup (\S+): (\d+) KiB", backup.stdout)
    assert size, backup.stdout + backup.stderr

    # Disaster: the database volume is gone. Stop what writes, recreate PostgreSQL empty, restore.
    applications = ["proxy", "worker", "storefront", "saleor-worker", "saleor", "backup"]
    project.stop(*applications, "postgres")
    # podman ties the containers together, so the volume is emptied rather than removed: to
    # PostgreSQL's image that is the same thing, a new volume to initialise.
    podman.run(["podman", "run", "--rm", "-v", f"{project.volume('pgdata')}:/data", container_shop.images.tags["postgres"],
                "find", "/data", "-mindepth", "1", "-delete"])
    project.start("postgres")
    project.wait_healthy(["postgres"], timeout=120)
    restore_started = time.monotonic()
    restored = project.compose("--profile", "restore", "run", "--rm", "restore", size.group(1), timeout=600)
    restore_seconds = time.monotonic() - restore_started
    assert "restored saleor" in restored.stdout and "restored storefront" in restored.stdout, restored.stdout + restored.stderr
    project.start(*reversed(applications))
    project.wait_healthy(SERVICES, timeout=300)

    with https(container_shop) as client:
        order_page = client.get(f"/orders/{PLACED['token']}/")
    assert order_page.status_code == 200 and f"<h1>Order {PLACED['number']}</h1>" in order_page.text
    print(f"\ncontainers: backup {size.group(2)} KiB, restore {restore_seconds:.1f} s")


def wait_for_mail(shop: ContainerShop, recipient: str, timeout: float = 60) -> email.message.EmailMessage:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        box = mailbox.Maildir(str(shop.maildir), factory=None, create=False)
        for key in box.keys():
            message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
            if recipient in message["To"]:
                return message
        time.sleep(1)
    raise AssertionError(f"no e-mail to {recipient} within {timeout} s")
