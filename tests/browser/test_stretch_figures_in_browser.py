"""The stretch figures as a reader sees them in Chromium, on a phone (390 px) and a laptop (1280 px):
each loads, fits the column, draws its labels at 12 CSS px or more, and its alt text names the view the figure is
drawn from. Screenshots of each figure land in .local/test/screenshots/stretch-figures/ to be looked at."""
import re
import xml.etree.ElementTree as ElementTree

import pytest
from playwright.sync_api import Page

from deploy.runner.layout import ROOT
from tests.browser.test_guide_pictures_in_browser import smallest_label

SCREENSHOTS = ROOT / ".local" / "test" / "screenshots" / "stretch-figures"
SVG = "{http://www.w3.org/2000/svg}"
VIEW = re.compile(r"seen from (above|the side|the front)")
STRETCHES = {
    "gluteus-medius": "stretch-knee-across.svg",
    "gluteus-minimus": "stretch-knee-across.svg",
    "iliacus": "stretch-kneeling-lunge.svg",
    "psoas": "stretch-kneeling-lunge.svg",
    "rectus-abdominis": "stretch-prone-prop.svg",
    "lumbar-paraspinals": "stretch-knee-hug.svg",
    "piriformis": "stretch-figure-four.svg",
    "quadratus-lumborum": "stretch-side-bend.svg",
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("slug", sorted(STRETCHES))
def test_each_stretch_figure_is_readable_and_its_alt_text_names_the_view_it_shows(page: Page, slug: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/guide/{slug}/")

    figure = page.locator(f'img[src="/static/guide/{STRETCHES[slug]}"]')
    figure.scroll_into_view_if_needed()
    # Lazy pictures load once near the viewport: decode() waits for that.
    assert figure.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    drawn_width = figure.evaluate("img => img.getBoundingClientRect().width")
    assert 0 < drawn_width <= width

    svg = page.request.get(f"/static/guide/{STRETCHES[slug]}").text()
    root = ElementTree.fromstring(svg)
    size, label = smallest_label(svg)
    assert size * drawn_width / float(root.get("viewBox").split()[2]) >= 12, f"{label!r} is too small at {width} px"
    title = root.find(f"{SVG}title").text
    assert VIEW.search(title) and VIEW.search(figure.get_attribute("alt"))
    assert VIEW.search(title).group(0) == VIEW.search(figure.get_attribute("alt")).group(0)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figure.screenshot(path=str(SCREENSHOTS / f"{width}-{slug}.png"))
