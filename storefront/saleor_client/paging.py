"""Walking a Saleor connection page by page, in one place."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Optional


class Nodes:
    """Every node of a connection, in Saleor's order. `fetch_page(after)` asks for the page after
    the cursor (None: the first) and returns the connection (`edges`, `page_info`). With
    `most_pages`, it stops after that many pages and `more` then says whether Saleor had more."""

    def __init__(self, fetch_page: Callable[[Optional[str]], Any], *, most_pages: Optional[int] = None) -> None:
        self._fetch_page = fetch_page
        self._most_pages = most_pages
        self.more = False

    def __iter__(self) -> Iterator[Any]:
        after: Optional[str] = None
        fetched = 0
        while True:
            page = self._fetch_page(after)
            fetched += 1
            for edge in page.edges:
                yield edge.node
            if not page.page_info.has_next_page:
                return
            if self._most_pages is not None and fetched >= self._most_pages:
                self.more = True
                return
            after = page.page_info.end_cursor


def nodes(fetch_page: Callable[[Optional[str]], Any], *, most_pages: Optional[int] = None) -> Nodes:
    return Nodes(fetch_page, most_pages=most_pages)
