"""The one Markdown pipeline for the shop's own writing (guide and policy pages, newsletter
issues): markdown-it-py with raw HTML off, h2/h3 anchors for tables of contents, then nh3
(ammonia) with a short allow-list, so nothing written can put a script or a style on a page or
in an e-mail. `parse` and `render` are separate so a caller may adjust the tokens in between
(the guide sizes its pictures); the renderer is the same for both parsers."""
from __future__ import annotations

from typing import Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope"},
    # Heading anchors for a table of contents; markdown-it makes them, raw HTML is off.
    "h2": {"id"},
    "h3": {"id"},
}

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable("table")
# Pages with a table of contents (the guide, policy pages) give their h2/h3 an id to link to.
_with_anchors = (
    MarkdownIt("commonmark", {"html": False, "typographer": True})
    .enable("table")
    .use(anchors_plugin, min_level=2, max_level=3)
)


def parse(text: str, *, anchors: bool = False) -> list[Token]:
    return (_with_anchors if anchors else _markdown).parse(text)


def render(tokens: Sequence[Token]) -> str:
    """Tokens to HTML that can be put on the page as it is."""
    return nh3.clean(
        _markdown.renderer.render(tokens, _markdown.options, {}),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener",
    )


def render_markdown(text: str) -> str:
    return render(parse(text))
