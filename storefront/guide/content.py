"""The guide's pages: Markdown files with YAML front matter in content/, rendered once.

Markdown is rendered by `core.markdown` (raw HTML off, cleaned by nh3), so nothing in a
content file can put a script or an event handler on the page. Pages are parsed and rendered once per process (`guide_pages`),
never per request.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import frontmatter
import yaml
from django.conf import settings

from core.markdown import render_markdown

REQUIRED_FIELDS = ("title", "summary", "slug", "updated", "muscles", "products", "sources", "kind")


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
    body_markdown: str
    body_html: str
    path: Path

    @property
    def url(self) -> str:
        return f"/guide/{self.slug}/"


@dataclass(frozen=True)
class Region:
    id: str
    label: str


def load_page(path: Path) -> GuidePage:
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, ValueError) as error:
        raise ContentError(f"{path.name}: front matter is not valid YAML ({error})") from error
    missing = [name for name in REQUIRED_FIELDS if not post.get(name)]
    if missing:
        raise ContentError(f"{path.name}: missing front-matter field(s): {', '.join(missing)}")
    picture = post.get("picture")
    updated = post["updated"]
    if not isinstance(updated, datetime.date):
        raise ContentError(f"{path.name}: `updated` must be a date like 2026-11-25")
    return GuidePage(
        slug=str(post["slug"]),
        kind=str(post["kind"]),
        title=str(post["title"]),
        summary=" ".join(str(post["summary"]).split()),
        updated=updated,
        muscles=tuple(post["muscles"]),
        products=tuple(post["products"]),
        sources=tuple(str(source) for source in post["sources"]),
        faq=tuple(Question(item["q"], " ".join(str(item["a"]).split())) for item in post.get("faq", [])),
        picture=GuidePicture(picture["file"], " ".join(str(picture["alt"]).split())) if picture else None,
        regions=tuple(post.get("regions", [])),
        body_markdown=post.content,
        body_html=render_markdown(post.content),
        path=path,
    )


def load_pages(content_dir: Path) -> dict[str, GuidePage]:
    pages = [load_page(path) for path in sorted(content_dir.glob("*.md"))]
    return {page.slug: page for page in pages}


def load_regions(content_dir: Path) -> tuple[Region, ...]:
    data: list[dict[str, Any]] = yaml.safe_load((content_dir / "regions.yaml").read_text())
    return tuple(Region(item["id"], item["label"]) for item in data)


@functools.cache
def guide_pages() -> dict[str, GuidePage]:
    return load_pages(Path(settings.CONTENT_DIR))


@functools.cache
def regions() -> tuple[Region, ...]:
    return load_regions(Path(settings.CONTENT_DIR))


def hub() -> GuidePage:
    return next(page for page in guide_pages().values() if page.kind == "hub")


def muscle_pages() -> list[GuidePage]:
    order = hub().muscles
    pages = guide_pages()
    return [pages[slug] for slug in order if slug in pages]
