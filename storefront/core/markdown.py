"""Markdown for the shop's own writing (guide pages, newsletter issues), rendered by
markdown-it-py with raw HTML off and cleaned by nh3 (ammonia) with a short allow-list, so
nothing written can put a script or a style on a page or in an e-mail."""
from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "th": {"scope"}}

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable("table")


def render_markdown(text: str) -> str:
    """Markdown to HTML that can be put on the page as it is."""
    return nh3.clean(
        _markdown.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener",
    )
