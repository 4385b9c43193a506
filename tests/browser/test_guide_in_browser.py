"""The guide in Chromium: the body map works by keyboard, and axe-core finds no serious or
critical accessibility violations on the main page types."""
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


@pytest.mark.parametrize(
    "path", ["/guide/lower-back-trigger-points/", "/guide/psoas/", "/guide/where-does-it-hurt/buttock/", "/products/ql-claw/"]
)
def test_no_serious_or_critical_accessibility_violations(page: Page, path: str):
    page.goto(path)

    results = Axe().run(page)

    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
