"""What the shop counts, in one place: the beacon's schema, the report and the privacy page all
read these, so the privacy page cannot say less than the shop keeps."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountedEvent:
    name: str
    words: str  # for the privacy page and the staff report
    counted_under: str  # which page a count is kept under
    from_browser: bool  # sent by the beacon (False: counted by the server)
    server_moment: str = ""  # when the server counts it


PAGE_VIEW = "page_view"
VISIT = "visit"
PRODUCT_VIEWED = "product_viewed"
ADDED_TO_CART = "added_to_cart"
CHECKOUT_STARTED = "checkout_started"
PAID = "paid"

EVENTS = (
    CountedEvent(PAGE_VIEW, "A page was shown", "the page shown, and the other site's name when you came from a link there", True),
    CountedEvent(VISIT, "A visit began (the first page seen in a browser tab)", "that first page", True),
    CountedEvent(PRODUCT_VIEWED, "A product page was shown", "the first page of the visit", True),
    CountedEvent(ADDED_TO_CART, "Something was added to the cart", "the first page of the visit", True),
    CountedEvent(CHECKOUT_STARTED, "The checkout was opened", "the first page of the visit, if the cart knew it", False,
                 "when the checkout page is first shown for a cart"),
    CountedEvent(PAID, "An order was paid", "the first page of the visit, if the cart knew it", False,
                 "when the order is recorded"),
)
EVENT_NAMES = tuple(event.name for event in EVENTS)
BROWSER_EVENTS = tuple(event.name for event in EVENTS if event.from_browser)
# The funnel on the staff report, in order.
FUNNEL = (VISIT, PRODUCT_VIEWED, ADDED_TO_CART, CHECKOUT_STARTED, PAID)

# Kept: one counter per day, page, event (and, for page views, the other site's name).
# Never kept: addresses, user agents, cookies, full referrer addresses, anything per visitor.
KEPT_DAYS = 400  # a little over a year, so a season compares with the last one
MAX_PATH_LENGTH = 200
MAX_HOST_LENGTH = 100
# Made-up paths or referrers cannot grow the table past these per day (the rest count as OTHER).
MAX_PATHS_PER_DAY = 500
MAX_REFERRERS_PER_DAY = 200
OTHER = "(other)"


@dataclass(frozen=True)
class Vital:
    """A Core Web Vital measured by the `web-vitals` library in a sampled share of page views."""

    name: str
    words: str
    unit: str
    good: float  # Google's "good" threshold (web.dev/articles/vitals): at or below is good
    edges: tuple[float, ...]  # histogram buckets' upper edges; p75 is read as "at most" an edge


_MS_EDGES = (50, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 1800, 2000, 2500, 3000, 3500, 4000,
             5000, 6000, 8000, 10000, 15000, 20000, 30000, 60000, 600000)
VITALS = (
    Vital("LCP", "Largest contentful paint", "ms", 2500, _MS_EDGES),
    Vital("INP", "Interaction to next paint", "ms", 200, _MS_EDGES),
    Vital("CLS", "Cumulative layout shift", "", 0.1,
          (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2, 5, 100)),
    Vital("TTFB", "Time to first byte", "ms", 800, _MS_EDGES),
)
VITALS_BY_NAME = {vital.name: vital for vital in VITALS}
# The pages counted (URL names), each with the type the speed report groups it under. Only
# public pages: an order's, a withdrawal's or a newsletter link's address carries a secret.
COUNTED_PAGES = {
    "catalog:home": "home", "catalog:product": "product",
    "guide:index": "guide", "guide:page": "guide", "guide:finder": "guide", "guide:finder-region": "guide",
    "guide:self-check": "guide", "pages:page": "shop page",
    "cart:page": "cart and checkout", "checkout:details": "cart and checkout",
}
