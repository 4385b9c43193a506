"""The guide's pages: Markdown files with YAML front matter in content/, rendered once.

Markdown is rendered by the one pipeline in `core.markdown` (markdown-it-py with raw HTML off,
cleaned by nh3), so nothing in a content file can put a script or an
event handler on the page. Pages are parsed and rendered once per process (`content_pages`),
never per request.

Each page has a `kind`; `PAGE_KINDS` says which front-matter fields a kind needs, which it
must not have, and where its pages live. A new kind is a new row there.

A muscle page marked `belly_side: true` lies behind the belly wall (psoas, iliacus, rectus
abdominis): fingertips only, so it takes no `products` and the page shows no Buy box. A page
names a clinician who reviewed it only in `reviewed_by`; without one it says "Last updated".

Every guide page has a share picture (1200×630 PNG, `guide/previews.py`) drawn from its
`picture`, or from `preview` (an SVG in content/pictures/) when it has no picture of its own.
"""
from __future__ import annotations

import datetime
import functools
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import frontmatter
import yaml
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from markdown_it.token import Token

from core import markdown

COMMON_FIELDS = ("title", "summary", "slug", "kind", "updated", "sources")


@dataclass(frozen=True)
class PageKind:
    required: tuple[str, ...]
    not_allowed: tuple[str, ...] = ()
    url_name: str = "guide:page"  # the named route its pages are served at, by slug


PAGE_KINDS: dict[str, PageKind] = {
    "hub": PageKind(required=COMMON_FIELDS + ("muscles", "products", "picture")),
    # `products` is required unless the muscle is belly-side (see `required_fields`).
    "muscle": PageKind(required=COMMON_FIELDS + ("muscles", "products", "picture", "regions", "brief", "evidence")),
    # Pages about the guide itself (safety, about): no muscles, no products, under /guide/.
    "page": PageKind(
        required=COMMON_FIELDS, not_allowed=("muscles", "products", "regions", "brief", "evidence", "belly_side"),
    ),
}
REVIEWER_FIELDS = ("name", "credentials", "date")
PICTURE_FIELDS = ("file", "alt", "views")
VIEWS = ("front", "back")

# `kind: policy` — the shop's own pages (returns, shipping, privacy, terms, contact), served at the
# site root by the pages app, not part of the guide: no muscles, products or sources. A paragraph
# that is only `[[name]]` is a live block the pages app fills in (POLICY_BLOCKS).
POLICY_KIND = "policy"
PAGE_KINDS[POLICY_KIND] = PageKind(
    required=tuple(field for field in COMMON_FIELDS if field != "sources"),
    not_allowed=(
        "muscles", "products", "sources", "regions", "brief", "faq", "picture", "evidence", "belly_side", "preview",
    ),
    url_name="pages:page",
)
POLICY_BLOCKS = ("shipping-rates", "company", "cookies", "processors", "counting")

# Ids the page template uses itself; a heading with the same id would break its links.
RESERVED_IDS = {
    "main", "faq", "sources", "toc-title", "in-brief-title", "review-dates", "newsletter-title", "card-ql-claw",
    "tool-muscles-title",
}
# A page with at least this many second-level headings gets a table of contents.
TOC_MIN_SECTIONS = 4

class ContentError(Exception):
    """A content file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Question:
    question: str
    answer: str


@dataclass(frozen=True)
class GuidePicture:
    file: str
    alt: str
    views: tuple[str, ...]
    width: str = "280"
    height: str = "360"


@dataclass(frozen=True)
class Reviewer:
    """A named clinician who read the page against its sources, and when."""
    name: str
    credentials: str
    date: datetime.date


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class TocEntry:
    heading: Heading
    children: tuple[Heading, ...]


@dataclass(frozen=True)
class GuidePage:
    slug: str
    kind: str
    title: str
    summary: str
    updated: datetime.date
    muscles: tuple[str, ...]
    products: tuple[str, ...]
    sources: tuple[str, ...]
    faq: tuple[Question, ...]
    picture: Optional[GuidePicture]
    regions: tuple[str, ...]
    brief: tuple[str, ...]
    headings: tuple[Heading, ...]
    body_markdown: str
    body_html: str
    path: Path
    show_review_dates: bool = False
    name: str = ""
    evidence: str = ""
    belly_side: bool = False
    reviewer: Optional[Reviewer] = None
    preview: str = ""

    @property
    def preview_source(self) -> str:
        """The SVG in content/pictures/ that the page's share picture is drawn from, or ""."""
        return self.preview or (self.picture.file if self.picture else "")

    @property
    def preview_url(self) -> str:
        """The share picture's fingerprinted static address (drawn at build time by `draw_previews`)."""
        return static(f"guide-previews/{self.slug}.png") if self.preview_source else ""

    @property
    def search_title(self) -> str:
        """The words a reader searches for, for the <title> and link previews."""
        if self.kind == "muscle":
            return f"{self.title}: where it hurts and how to release it"
        if self.kind == "hub":
            return f"{self.title}: where it hurts, which muscle, and how to release it"
        return self.title

    @property
    def short_name(self) -> str:
        """What lists and captions call the page: front-matter `name`, or the title without "trigger points"."""
        return self.name or self.title.removesuffix(" trigger points")

    @property
    def url(self) -> str:
        return reverse(PAGE_KINDS[self.kind].url_name, args=[self.slug])

    @property
    def table_of_contents(self) -> tuple[TocEntry, ...]:
        """The page's h2 headings with the h3s under each, for long pages only."""
        entries: list[TocEntry] = []
        for heading in self.headings:
            if heading.level == 2:
                entries.append(TocEntry(heading, ()))
            elif entries:
                entries[-1] = TocEntry(entries[-1].heading, entries[-1].children + (heading,))
        return tuple(entries) if len(entries) >= TOC_MIN_SECTIONS else ()


@dataclass(frozen=True)
class Region:
    id: str
    label: str


def svg_size(svg_file: Path) -> tuple[str, str] | None:
    """The width and height an SVG declares, so the page can reserve its space."""
    try:
        root = ElementTree.parse(svg_file).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    width, height = root.get("width"), root.get("height")
    return (width, height) if width and height else None


def _size_images(tokens: list[Token], pictures_dir: Path) -> None:
    for token in tokens:
        for child in token.children or []:
            if child.type != "image":
                continue
            size = svg_size(pictures_dir / Path(str(child.attrGet("src"))).name)
            if size:
                child.attrSet("width", size[0])
                child.attrSet("height", size[1])
            child.attrSet("loading", "lazy")


def _headings(tokens: list[Token]) -> tuple[Heading, ...]:
    found = []
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open" and opening.attrGet("id"):
            found.append(Heading(int(opening.tag[1]), str(opening.attrGet("id")), inline.content))
    return tuple(found)


def render_markdown(text: str, pictures_dir: Path | None = None) -> tuple[str, tuple[Heading, ...]]:
    """Markdown to HTML that can be put on the page as it is (`core.markdown`), and its headings."""
    tokens = markdown.parse(text, anchors=True)
    if pictures_dir is not None:
        _size_images(tokens, pictures_dir)
    return markdown.render(tokens), _headings(tokens)


def _picture(name: str, data: Any, pictures_dir: Path) -> GuidePicture:
    if not isinstance(data, dict) or [field for field in PICTURE_FIELDS if not data.get(field)]:
        raise ContentError(f"{name}: `picture` needs {', '.join(PICTURE_FIELDS)}")
    views = tuple(data["views"])
    unknown = [view for view in views if view not in VIEWS]
    if unknown:
        raise ContentError(f"{name}: picture views must be front and/or back, not {', '.join(map(str, unknown))}")
    file = str(data["file"])
    width, height = svg_size(pictures_dir / Path(file).name) or ("280", "360")
    return GuidePicture(file, " ".join(str(data["alt"]).split()), views, width, height)


def _reviewer(name: str, data: Any) -> Reviewer:
    if not isinstance(data, dict) or [field for field in REVIEWER_FIELDS if not data.get(field)]:
        raise ContentError(
            f"{name}: `reviewed_by` needs {', '.join(REVIEWER_FIELDS)} of the clinician who reviewed the page; "
            "leave it out when no one did"
        )
    if not isinstance(data["date"], datetime.date):
        raise ContentError(f"{name}: `reviewed_by` date must be a date like 2026-11-25")
    return Reviewer(" ".join(str(data["name"]).split()), " ".join(str(data["credentials"]).split()), data["date"])


def required_fields(kind: PageKind, metadata: dict[str, Any]) -> tuple[str, ...]:
    # A belly-side muscle is worked with fingertips only, so it lists no products to buy.
    if metadata.get("belly_side"):
        return tuple(field for field in kind.required if field != "products")
    return kind.required


def load_page(path: Path) -> GuidePage:
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, ValueError) as error:
        raise ContentError(f"{path.name}: front matter is not valid YAML ({error})") from error
    kind = PAGE_KINDS.get(str(post.get("kind")))
    if kind is None:
        raise ContentError(f"{path.name}: unknown kind {post.get('kind')!r} (one of: {', '.join(PAGE_KINDS)})")
    missing = [name for name in required_fields(kind, post.metadata) if not post.get(name)]
    if missing:
        raise ContentError(f"{path.name}: missing front-matter field(s): {', '.join(missing)}")
    extra = [name for name in kind.not_allowed if name in post.metadata]
    if extra:
        raise ContentError(f"{path.name}: pages of kind {post['kind']!r} do not take: {', '.join(extra)}")
    updated = post["updated"]
    if not isinstance(updated, datetime.date):
        raise ContentError(f"{path.name}: `updated` must be a date like 2026-11-25")
    body_html, headings = render_markdown(post.content, path.parent / "pictures")
    clashes = sorted({heading.id for heading in headings} & RESERVED_IDS)
    if clashes:
        raise ContentError(f"{path.name}: heading id(s) {', '.join(clashes)} are used by the page itself; rename the heading")
    front: dict[str, Any] = post.metadata  # YAML: lists as written in the file (check_content judges them)
    return GuidePage(
        slug=str(post["slug"]),
        kind=str(post["kind"]),
        title=str(post["title"]),
        summary=" ".join(str(post["summary"]).split()),
        updated=updated,
        muscles=tuple(front.get("muscles", [])),
        products=tuple(front.get("products", [])),
        sources=tuple(str(source) for source in front.get("sources", [])),
        faq=tuple(Question(item["q"], " ".join(str(item["a"]).split())) for item in front.get("faq", [])),
        picture=_picture(path.name, post["picture"], path.parent / "pictures") if post.get("picture") else None,
        regions=tuple(front.get("regions", [])),
        brief=tuple(" ".join(str(line).split()) for line in front.get("brief", [])),
        headings=headings,
        body_markdown=post.content,
        body_html=body_html,
        path=path,
        show_review_dates=bool(post.get("show_review_dates", False)),
        name=str(post.get("name", "")),
        evidence=" ".join(str(post.get("evidence", "")).split()),
        belly_side=bool(post.get("belly_side", False)),
        reviewer=_reviewer(path.name, post["reviewed_by"]) if "reviewed_by" in post.metadata else None,
        preview=str(post.get("preview", "")),
    )


def load_pages(content_dir: Path) -> dict[str, GuidePage]:
    pages = [load_page(path) for path in sorted(content_dir.glob("*.md"))]
    return {page.slug: page for page in pages}


def load_regions(content_dir: Path) -> tuple[Region, ...]:
    data: list[dict[str, Any]] = yaml.safe_load((content_dir / "regions.yaml").read_text())
    return tuple(Region(item["id"], item["label"]) for item in data)


@functools.cache
def content_pages() -> dict[str, GuidePage]:
    return load_pages(Path(settings.CONTENT_DIR))


def guide_pages() -> dict[str, GuidePage]:
    """The guide's pages (policy pages are the shop's, not the guide's)."""
    return {slug: page for slug, page in content_pages().items() if page.kind != POLICY_KIND}


def policy_pages() -> dict[str, GuidePage]:
    return {slug: page for slug, page in content_pages().items() if page.kind == POLICY_KIND}


@functools.cache
def regions() -> tuple[Region, ...]:
    return load_regions(Path(settings.CONTENT_DIR))


def hub() -> GuidePage:
    return next(page for page in guide_pages().values() if page.kind == "hub")


def muscle_pages() -> list[GuidePage]:
    order = hub().muscles
    pages = guide_pages()
    return [pages[slug] for slug in order if slug in pages]


def pages_of_kind(kind: str) -> list[GuidePage]:
    return sorted((page for page in guide_pages().values() if page.kind == kind), key=lambda page: page.title)


@dataclass(frozen=True)
class HowToSection:
    muscle: str  # the page's short name
    url: str  # the page's "With the <product>" section


def how_to_sections(product_slug: str, heading_id: str = "with-the-ql-claw") -> tuple[HowToSection, ...]:
    """Each muscle page that recommends the product and has its how-to section, in the hub's order."""
    return tuple(
        HowToSection(muscle=page.short_name, url=f"{page.url}#{heading_id}")
        for page in muscle_pages()
        if product_slug in page.products and any(heading.id == heading_id for heading in page.headings)
    )
