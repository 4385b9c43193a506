"""The guide in Chromium: the body map and the tables of contents work by keyboard, and axe-core
finds no serious or critical accessibility violations on the guide's pages and on every page of
the shop a buyer or the shop admin goes through."""
import uuid
from typing import Iterator
from urllib.parse import urlparse

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, Buyer
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import signed_in_client


def test_the_body_map_leads_to_the_muscles_by_keyboard(page: Page):
    page.goto("/guide/where-does-it-hurt/")
    buttock = page.locator("#map-buttock")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "map-buttock":
            break
    expect(buttock).to_be_focused()

    page.keyboard.press("Enter")

    expect(page).to_have_url(page.url.split("/guide/")[0] + "/guide/where-does-it-hurt/buttock/")
    results = page.locator(".muscle-results")
    for muscle in ("Piriformis", "Gluteus medius", "Quadratus lumborum"):
        expect(results.get_by_role("link", name=muscle)).to_be_visible()
    results.get_by_role("link", name="Piriformis").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Piriformis trigger points")


REGIONS = ["beside-spine", "belt-line", "sacrum", "buttock", "outer-hip", "front-of-hip", "back-of-thigh", "outer-thigh"]


def test_every_region_of_the_body_map_can_be_reached_by_keyboard(page: Page):
    page.goto("/guide/where-does-it-hurt/")
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement && document.activeElement.id"))

    assert [f"map-{region}" for region in REGIONS] == [name for name in focused if name.startswith("map-")][: len(REGIONS)]


def test_the_side_of_the_leg_leads_to_the_gluteus_minimus_by_keyboard(page: Page):
    page.goto("/guide/where-does-it-hurt/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "map-outer-thigh":
            break
    page.keyboard.press("Enter")

    expect(page).to_have_url(page.url.split("/guide/")[0] + "/guide/where-does-it-hurt/outer-thigh/")
    page.locator(".muscle-results").get_by_role("link", name="Gluteus minimus").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gluteus minimus trigger points")


def test_table_of_contents_takes_the_keyboard_to_the_section(page: Page):
    page.goto("/guide/lumbar-paraspinals/")
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Stretch, step by step").focus()

    page.keyboard.press("Enter")

    expect(page).to_have_url(page.url.split("#")[0] + "#stretch-step-by-step")
    expect(page.get_by_role("heading", name="Stretch, step by step")).to_be_in_viewport()


@pytest.mark.parametrize(
    "path",
    [
        "/guide/lower-back-trigger-points/", "/guide/psoas/", "/guide/gluteus-minimus/", "/guide/lumbar-paraspinals/",
        "/guide/rectus-abdominis/", "/guide/pressure-safety/", "/guide/about-this-guide/",
        "/guide/where-does-it-hurt/buttock/", "/guide/where-does-it-hurt/outer-thigh/", "/products/ql-claw/",
        "/guide/weekly-routine/", "/guide/iliacus/", "/guide/quadratus-lumborum/",
    ],
)
def test_no_serious_or_critical_accessibility_violations(page: Page, path: str):
    serious = audit(page, path)

    assert serious == [], serious


def audit(page: Page, path: str, exclude: tuple[str, ...] = ()) -> list[tuple]:
    """axe-core's serious and critical findings on `path`, once it is sure the page itself
    was served: an error page or a redirect elsewhere would be audited and pass."""
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    assert urlparse(page.url).path == path, f"{path} sent the browser to {page.url}"
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context)
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]


# --- The shop's own pages: a buyer's way from home to the order page, and the admin's. ----------
# (Kept apart from the guide pages above: a visitor's state is set up through HTTP first and
# handed to the browser as its cookies.)

def share_cookies(page: Page, client: httpx.Client) -> None:
    base = str(client.base_url).rstrip("/")
    page.context.add_cookies([{"name": name, "value": value, "url": base} for name, value in client.cookies.items()])


@pytest.fixture(scope="module")
def ready_to_pay(shop: Stack) -> Iterator[Buyer]:
    buyer = Buyer(shop, email=f"axe-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    yield buyer
    buyer.close()


@pytest.fixture(scope="module")
def placed_order(shop: Stack) -> Iterator[tuple[str, str]]:
    """(order page path, Saleor order id) of an order paid through the real checkout."""
    buyer = Buyer(shop, email=f"axe-order-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    paid = buyer.pay(card=GOOD_CARD)
    assert paid.url.path.startswith("/orders/"), paid.text
    staff = SaleorStaffAPI.sign_in(f"{shop.saleor_url}/graphql/", shop.staff_email, shop.staff_password)
    yield paid.url.path, staff.orders_for(buyer.email)[0]["id"]
    buyer.close()


@pytest.fixture(scope="module")
def signed_in_admin(shop: Stack) -> Iterator[httpx.Client]:
    client, answer = signed_in_client(shop, shop.staff_email, shop.staff_password)
    assert answer.status_code == 302, answer.text
    yield client
    client.close()


# localstripe's stand-in card element is a row of bare inputs (Stripe's real one is an iframe
# labelled by Stripe); it is not the shop's markup, so the audit leaves it out.
STRIPE_CARD_ELEMENT = "#card-element"


@pytest.mark.parametrize("path", ["/", "/guide/where-does-it-hurt/sacrum/", "/staff/sign-in/"])
def test_no_serious_or_critical_accessibility_violations_for_any_visitor(page: Page, path: str):
    assert audit(page, path) == []


@pytest.mark.parametrize("path", ["/cart/", "/checkout/"])
def test_no_serious_or_critical_accessibility_violations_in_the_cart_and_checkout(
    page: Page, ready_to_pay: Buyer, path: str
):
    share_cookies(page, ready_to_pay.http)

    assert audit(page, path, exclude=(STRIPE_CARD_ELEMENT,)) == []


def test_no_serious_or_critical_accessibility_violations_on_the_order_page(page: Page, placed_order):
    order_path, _ = placed_order

    assert audit(page, order_path) == []


@pytest.mark.parametrize("where", ["dashboard", "orders", "order", "packing slip"])
def test_no_serious_or_critical_accessibility_violations_in_the_staff_area(
    page: Page, signed_in_admin: httpx.Client, placed_order, where: str
):
    _, order_id = placed_order
    path = {"dashboard": "/staff/", "orders": "/staff/orders/", "order": f"/staff/orders/{order_id}/",
            "packing slip": f"/staff/orders/{order_id}/packing-slip/"}[where]
    share_cookies(page, signed_in_admin)

    assert audit(page, path) == []
