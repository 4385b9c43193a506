"""The shop's policy pages (returns, shipping, privacy, terms, contact): Markdown in content/
with `kind: policy`, rendered by the guide's pipeline, with live blocks filled in per request.

A paragraph that is only `[[shipping-rates]]` or `[[company]]` in the Markdown becomes the
shipping table read from Saleor's zones or the seller's facts from settings: the page never
types a price or an address twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from guide.content import POLICY_BLOCKS, GuidePage, policy_pages

BLOCK_PARAGRAPH = re.compile(r"<p>\[\[([a-z-]+)\]\]</p>")


@dataclass(frozen=True)
class PagePart:
    """Either ready HTML or the name of a live block (one of POLICY_BLOCKS)."""

    html: str = ""
    block: str = ""


def policy_page(slug: str) -> Optional[GuidePage]:
    return policy_pages().get(slug)


def page_parts(page: GuidePage) -> tuple[PagePart, ...]:
    """The page's HTML cut at its live blocks."""
    pieces = BLOCK_PARAGRAPH.split(page.body_html)
    parts = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            if piece.strip():
                parts.append(PagePart(html=piece))
        elif piece in POLICY_BLOCKS:
            parts.append(PagePart(block=piece))
    return tuple(parts)


def footer_pages() -> list[GuidePage]:
    """The policy pages in the footer's order."""
    order = ("returns", "right-of-withdrawal", "guarantee", "shipping", "terms", "privacy", "contact")
    pages = policy_pages()
    return [pages[slug] for slug in order if slug in pages] + sorted(
        (page for slug, page in pages.items() if slug not in order), key=lambda page: page.title
    )
