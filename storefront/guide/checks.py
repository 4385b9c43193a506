"""The content check: every problem a content file can have that would show on the site.

Run by `manage.py check_content` and by the test suite. It refuses unknown product slugs
(asked of Saleor), internal links to pages that do not exist, missing pictures, missing
front-matter fields, pages without sources, muscle pages that do not link the safety page,
and pictures whose front-matter `views` or alt text do not match what the SVG draws.

Safety and honesty rules: a belly-side muscle page (`belly_side: true`) gives no instruction
for the tool and no Buy box; every muscle page carries an `evidence` line (a missing field);
a summary, which is the page's meta description, fits in 160 characters; and a page says
"reviewed by" only when its front matter names the reviewer.

Pictures: every guide page has a share picture drawn from an SVG (its `picture`, or `preview`);
every muscle picture marks its trigger points in a `<g id="trigger-points">`, and a belly-side
muscle's picture marks where not to press in a `<g id="no-tool-zone">`; every label in a picture
is at least 12 px at the picture's own size, in the text colour.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Callable

from django.urls import reverse

from core.raster import PictureNotDrawable, png_from_svg

from .content import POLICY_BLOCKS, POLICY_KIND, RESERVED_IDS, VIEWS, ContentError, GuidePage, load_page, load_regions

LINK = re.compile(r"(?<!!)\[[^\]]*\]\((/[^)\s]*)\)")  # not images: those are checked as pictures
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
# The shop's pages a content file may link besides its own pages (named routes, resolved at check time).
FIXED_ROUTES = ("catalog:home", "cart:page", "guide:finder", "guide:self-check", "guide:feed", "orders:find", "withdrawals:form",
                "privacy_requests:about")
BLOCK = re.compile(r"^\[\[([^\]]*)\]\]$", re.M)  # a policy page's live block
SAFETY_SLUG = "pressure-safety"  # the safety page every muscle page links
FRONT = re.compile(r"\bfront\b", re.IGNORECASE)
# Pictures stay small: they are inlined in feeds and loaded on phones.
MAX_PICTURE_BYTES = 5 * 1024
SVG = "{http://www.w3.org/2000/svg}"
# Search engines cut a meta description at about this length.
MAX_SUMMARY_CHARACTERS = 160
# How a page tells the reader to use the tool: a heading that names it, or its parts as the
# object of a step ("hook the tip", "pull the handle"). Fingertips are not tips.
TOOL_INSTRUCTION = re.compile(
    r"^#+ .*\b(QL Claw|tool|hook)\b|\b(the|its|tool's) (tip|handle|hook|hooked arm)\b", re.IGNORECASE | re.MULTILINE,
)
REVIEWED_BY = re.compile(r"\breviewed by\b", re.IGNORECASE)
TRIGGER_POINTS_GROUP = "trigger-points"
NO_TOOL_ZONE_GROUP = "no-tool-zone"
# Labels must stay readable on a phone, where a picture is shown at up to its own width.
MIN_LABEL_PX = 12
TEXT_COLOUR = "#1d2321"


def safety_and_honesty_problems(page: GuidePage) -> list[str]:
    name = page.path.name
    problems = []
    if len(page.summary) > MAX_SUMMARY_CHARACTERS:
        problems.append(
            f"{name}: the summary (the meta description) is {len(page.summary)} characters; "
            f"keep it to {MAX_SUMMARY_CHARACTERS}"
        )
    text = "\n".join([page.body_markdown, *page.brief, *(item.answer for item in page.faq)])
    if page.reviewer is None and REVIEWED_BY.search("\n".join([text, page.summary])):
        problems.append(f"{name}: says \"reviewed by\" but its front matter names no reviewer (`reviewed_by`)")
    if page.belly_side:
        if page.products:
            problems.append(f"{name}: a belly-side muscle is worked with fingertips only; remove `products` (no Buy box)")
        instruction = TOOL_INSTRUCTION.search(text)
        if instruction:
            problems.append(
                f"{name}: a belly-side muscle page must not tell the reader to use the tool "
                f"(found {instruction.group(0).strip()!r})"
            )
    return problems


def svg_problems(name: str, svg_file: Path) -> tuple[list[str], set[str]]:
    """What is wrong with one SVG picture, and which views (front/back groups) it draws."""
    problems = []
    size = svg_file.stat().st_size
    if size >= MAX_PICTURE_BYTES:
        problems.append(f"{name}: picture {svg_file.name} is {size} bytes; keep pictures under {MAX_PICTURE_BYTES}")
    try:
        root = ElementTree.parse(svg_file).getroot()
    except ElementTree.ParseError as error:
        return problems + [f"{name}: picture {svg_file.name} is not valid SVG ({error})"], set()
    for part in ("title", "desc"):
        element = root.find(f"{SVG}{part}")
        if element is None or not (element.text or "").strip():
            problems.append(f"{name}: picture {svg_file.name} has no <{part}>")
    views = {group.get("id", "") for group in root.iter(f"{SVG}g")} & set(VIEWS)
    return problems, views


def _inherited(
    element: ElementTree.Element | None, parents: dict[ElementTree.Element, ElementTree.Element], attribute: str
) -> str | None:
    while element is not None:
        if element.get(attribute):
            return element.get(attribute)
        element = parents.get(element)
    return None


def label_problems(name: str, svg_file: Path, root: ElementTree.Element) -> list[str]:
    """Labels smaller than MIN_LABEL_PX at the picture's declared size, or not in the text colour."""
    view_box = (root.get("viewBox") or "").split()
    width = float(root.get("width", "0").removesuffix("px") or 0)
    scale = width / float(view_box[2]) if len(view_box) == 4 and width else 1.0
    parents = {child: parent for parent in root.iter() for child in parent}
    problems = []
    for text in root.iter(f"{SVG}text"):
        words = " ".join("".join(text.itertext()).split())
        size = float((_inherited(text, parents, "font-size") or "16").removesuffix("px")) * scale
        if size < MIN_LABEL_PX - 0.01:
            problems.append(f"{name}: label {words!r} in {svg_file.name} is {size:.1f} px; make it at least {MIN_LABEL_PX} px")
        fill = (_inherited(text, parents, "fill") or "#000").lower()
        if fill != TEXT_COLOUR:
            problems.append(f"{name}: label {words!r} in {svg_file.name} is {fill}; labels are in the text colour {TEXT_COLOUR}")
    return problems


def marking_problems(page: GuidePage, svg_file: Path, root: ElementTree.Element) -> list[str]:
    """A muscle picture marks its trigger points; a belly-side one also where not to press."""
    name = page.path.name
    groups = {group.get("id"): group for group in root.iter(f"{SVG}g")}
    problems = []
    if page.kind == "muscle" and not len(groups.get(TRIGGER_POINTS_GROUP, [])):
        problems.append(
            f"{name}: picture {svg_file.name} marks no trigger points "
            f"(draw them in a <g id=\"{TRIGGER_POINTS_GROUP}\">)"
        )
    if page.belly_side and not len(groups.get(NO_TOOL_ZONE_GROUP, [])):
        problems.append(
            f"{name}: picture {svg_file.name} of a belly-side muscle marks no \"not here (no tool)\" zone "
            f"(draw it in a <g id=\"{NO_TOOL_ZONE_GROUP}\">)"
        )
    return problems


def preview_problems(page: GuidePage, pictures_dir: Path) -> list[str]:
    """Every guide page needs a share picture (og:image), drawn from one of its SVGs."""
    name = page.path.name
    if page.kind == POLICY_KIND:
        return []
    if not page.preview_source:
        return [f"{name}: no share picture: give the page a `picture`, or a `preview` (an SVG in content/pictures/)"]
    svg_file = pictures_dir / Path(page.preview_source).name
    if not svg_file.is_file():
        return [f"{name}: missing preview picture {page.preview_source!r} (expected in content/pictures/)"]
    try:
        png_from_svg(svg_file.read_bytes())
    except PictureNotDrawable as error:
        return [f"{name}: the share picture cannot be drawn from {svg_file.name} ({error})"]
    return []


def picture_problems(page: GuidePage, pictures_dir: Path) -> list[str]:
    name = page.path.name
    problems = []
    pictures = [(page.picture.file, page.picture.alt)] if page.picture else []
    pictures += [(file, alt) for alt, file in IMAGE.findall(page.body_markdown)]
    for file, alt in pictures:
        svg_file = pictures_dir / Path(file).name
        if "://" in file or not svg_file.is_file():
            problems.append(f"{name}: missing picture {file!r} (expected in content/pictures/)")
            continue
        if not alt.strip():
            problems.append(f"{name}: picture {file} has no alt text")
        found, drawn = svg_problems(name, svg_file)
        problems += found
        try:
            root = ElementTree.parse(svg_file).getroot()
        except ElementTree.ParseError:
            continue
        problems += label_problems(name, svg_file, root)
        if page.picture and file == page.picture.file:
            problems += marking_problems(page, svg_file, root)
            declared = set(page.picture.views)
            if declared != drawn:
                problems.append(
                    f"{name}: picture views say {', '.join(sorted(declared))} but {svg_file.name} draws "
                    f"{', '.join(sorted(drawn)) or 'no view'} (groups with id=\"front\"/id=\"back\")"
                )
            if FRONT.search(page.picture.alt) and "front" not in drawn:
                problems.append(f"{name}: the picture's alt text mentions the front, but {svg_file.name} has no front view")
    return problems


def content_problems(content_dir: Path, product_exists: Callable[[str], bool]) -> list[str]:
    problems: list[str] = []
    pages: dict[str, GuidePage] = {}
    for path in sorted(content_dir.glob("*.md")):
        try:
            page = load_page(path)
        except ContentError as error:
            problems.append(str(error))
            continue
        pages[page.slug] = page
    try:
        region_ids = {region.id for region in load_regions(content_dir)}
    except (OSError, KeyError, TypeError) as error:
        problems.append(f"regions.yaml: cannot be read ({error})")
        region_ids = set()
    if not any(page.kind == "hub" for page in pages.values()):
        problems.append("no page with `kind: hub`")
    safety_page = reverse("guide:page", args=[SAFETY_SLUG])
    known_paths = {reverse(route) for route in FIXED_ROUTES} | {page.url for page in pages.values()}
    anchors = {page.url: {heading.id for heading in page.headings} | RESERVED_IDS for page in pages.values()}
    if safety_page not in known_paths:
        problems.append(f"no page at {safety_page} (the safety page every muscle page links)")
    for page in pages.values():
        name = page.path.name
        if page.kind == POLICY_KIND:
            problems += [f"{name}: unknown block [[{block}]] (one of: {', '.join(POLICY_BLOCKS)})"
                         for block in BLOCK.findall(page.body_markdown) if block not in POLICY_BLOCKS]
        elif not [source for source in page.sources if source.strip()]:
            problems.append(f"{name}: the page lists no sources")
        for slug in page.products:
            if not product_exists(slug):
                problems.append(f"{name}: unknown product slug {slug!r}")
        for slug in page.muscles:
            if slug not in pages:
                problems.append(f"{name}: unknown muscle page {slug!r}")
            elif pages[slug].kind != "muscle" and page.kind == "hub":
                problems.append(f"{name}: {slug!r} in `muscles` is not a muscle page")
        for region in page.regions:
            if region not in region_ids:
                problems.append(f"{name}: unknown region {region!r}")
        problems += picture_problems(page, content_dir / "pictures")
        problems += preview_problems(page, content_dir / "pictures")
        problems += safety_and_honesty_problems(page)
        links = LINK.findall(page.body_markdown)
        if page.kind == "muscle" and safety_page not in [link.split("#")[0] for link in links]:
            problems.append(f"{name}: a muscle page must link the safety page {safety_page}")
        for link in links:
            target = link.split("#")[0]
            if target.startswith("/products/"):
                if not product_exists(target.strip("/").split("/")[-1]):
                    problems.append(f"{name}: broken link {link} (no such product)")
            elif target not in known_paths:
                problems.append(f"{name}: broken internal link {link}")
            elif "#" in link and target in anchors and link.split("#")[1] not in anchors[target]:
                problems.append(f"{name}: broken internal link {link} (no such heading)")
    return problems
