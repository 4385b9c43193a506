"""The guide in Chromium: the body map and the tables of contents work by keyboard, and axe-core
finds no serious or critical accessibility violations on the guide's pages."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect


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
    ],
)
def test_no_serious_or_critical_accessibility_violations(page: Page, path: str):
    page.goto(path)

    results = Axe().run(page)

    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
