"""The guide's pictures on a phone (390 px wide) in Chromium: every label in a picture is drawn at
12 CSS px or more, the new pages fit the phone's width (screenshots in
.local/test/screenshots/guide-pictures/ to be looked at); and the week's routine prints as the routine alone, without menus or forms."""
import xml.etree.ElementTree as ElementTree

import pytest
from playwright.sync_api import Page, expect

from deploy.runner.layout import ROOT

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "guide-pictures"

SVG = "{http://www.w3.org/2000/svg}"
PHONE = {"width": 390, "height": 844}
PAGES_WITH_PICTURES = [
    "lower-back-trigger-points", "quadratus-lumborum", "lumbar-paraspinals", "psoas", "iliacus", "rectus-abdominis",
    "gluteus-medius", "gluteus-minimus", "piriformis",
]


def smallest_label(svg_text: str) -> tuple[float, str]:
    """The smallest font size of any <text> in the SVG, in its own units, and that label."""
    root = ElementTree.fromstring(svg_text)
    parents = {child: parent for parent in root.iter() for child in parent}
    found = []
    for text in root.iter(f"{SVG}text"):
        element, size = text, None
        while element is not None and size is None:
            size = element.get("font-size")
            element = parents.get(element)
        found.append((float(size or 16), " ".join("".join(text.itertext()).split())))
    return min(found) if found else (float("inf"), "")


@pytest.mark.parametrize("slug", PAGES_WITH_PICTURES)
def test_picture_labels_are_at_least_12_css_px_on_a_phone(page: Page, slug: str):
    page.set_viewport_size(PHONE)
    page.goto(f"/guide/{slug}/")

    pictures = page.locator('img[src^="/static/guide/"][src$=".svg"]')
    assert pictures.count() >= 1
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        picture.scroll_into_view_if_needed()
        source = picture.get_attribute("src")
        svg_text = page.request.get(source).text()
        view_box_width = float(ElementTree.fromstring(svg_text).get("viewBox").split()[2])
        drawn_width = picture.evaluate("img => img.getBoundingClientRect().width")
        size, label = smallest_label(svg_text)
        if label:
            assert size * drawn_width / view_box_width >= 12, (
                f"{source}: {label!r} is drawn at {size * drawn_width / view_box_width:.1f} px ({drawn_width:.0f} px wide)"
            )


def test_the_weeks_routine_prints_without_menus_forms_or_sign_up(page: Page):
    page.goto("/guide/weekly-routine/")
    page.emulate_media(media="print")

    for part in (".site-header", ".site-footer", ".breadcrumbs", ".newsletter", ".muscle-nav"):
        expect(page.locator(part).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Stop rules")).to_be_visible()
    expect(page.locator(".guide-body table")).to_be_visible()
    assert page.locator(".guide-body td").first.evaluate("td => getComputedStyle(td).borderTopStyle") == "solid"


@pytest.mark.parametrize("slug", ["weekly-routine", "quadratus-lumborum", "gluteus-minimus", "psoas"])
def test_the_routine_and_the_redrawn_pages_fit_a_phone_without_sideways_scrolling(page: Page, slug: str):
    page.set_viewport_size(PHONE)
    page.goto(f"/guide/{slug}/")
    page.wait_for_load_state("load")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"390-{slug}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
