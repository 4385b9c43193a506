"""The staff report: counts from `DailyCount`, orders and revenue from the shop's own record of
each order (`CheckoutAttempt`, Saleor's total stored at completion)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Optional
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum

from checkout.models import CheckoutAttempt
from guide.content import content_pages

from .definitions import (
    ADDED_TO_CART,
    CHECKOUT_STARTED,
    COUNTED_PAGES,
    EVENTS,
    FUNNEL,
    KEPT_DAYS,
    PAGE_VIEW,
    PAID,
    PRODUCT_VIEWED,
    VISIT,
    VITALS,
)
from .models import DailyCount, VitalCount
from .services import shop_day

REPORT_DAYS = (7, 30)
TILE_CACHE_KEY = "analytics:dashboard-tile"
TILE_CACHE_SECONDS = 60
UNKNOWN_LANDING = "(not known)"


@dataclass(frozen=True)
class PageRow:
    path: str
    title: str
    views: int
    visits: int  # visits that began on this page
    product_views: int  # of those visits, how many reached the product page
    adds: int
    checkouts: int
    orders: int
    revenue: Decimal

    @property
    def conversion(self) -> Optional[float]:
        """Orders per visit begun on this page (None: no visit began here)."""
        return self.orders / self.visits if self.visits else None

    @property
    def conversion_words(self) -> str:
        return "—" if self.conversion is None else f"{self.conversion:.1%}"


@dataclass(frozen=True)
class FunnelStep:
    event: str
    words: str
    count: int
    drop_off: Optional[float]  # share of the previous step that did not reach this one

    @property
    def drop_off_words(self) -> str:
        return "—" if self.drop_off is None else f"{self.drop_off:.0%}"


@dataclass(frozen=True)
class Referrer:
    host: str
    views: int


@dataclass(frozen=True)
class Report:
    days: int
    first_day: date
    last_day: date
    pages: tuple[PageRow, ...]
    funnel: tuple[FunnelStep, ...]
    referrers: tuple[Referrer, ...]
    currency: str
    revenue: Decimal
    orders: int


@dataclass(frozen=True)
class DashboardTile:
    days: int
    visits: int
    orders: int
    revenue: Decimal
    currency: str
    best_page: Optional[PageRow]


def _window(days: int) -> tuple[date, date]:
    last = shop_day()
    return last - timedelta(days=days - 1), last


def report(*, days: int) -> Report:
    first, last = _window(days)
    counts: dict[tuple[str, str], int] = {}
    referrers: dict[str, int] = {}
    rows = (DailyCount.objects.filter(day__gte=first, day__lte=last)
            .values_list("event", "path", "referrer_host").annotate(total=Sum("count")))
    for event, path, host, total in rows:
        counts[(event, path)] = counts.get((event, path), 0) + total
        if event == PAGE_VIEW and host:
            referrers[host] = referrers.get(host, 0) + total
    orders = _orders_by_landing_page(first, last)
    titles = {page.url: page.title for page in content_pages().values()}
    paths = {path for _, path in counts} | set(orders)
    pages = [
        PageRow(
            path=path or UNKNOWN_LANDING,
            title=titles.get(path, ""),
            views=counts.get((PAGE_VIEW, path), 0),
            visits=counts.get((VISIT, path), 0),
            product_views=counts.get((PRODUCT_VIEWED, path), 0),
            adds=counts.get((ADDED_TO_CART, path), 0),
            checkouts=counts.get((CHECKOUT_STARTED, path), 0),
            orders=orders.get(path, (0, Decimal(0)))[0],
            revenue=orders.get(path, (0, Decimal(0)))[1],
        )
        for path in paths
    ]
    pages.sort(key=lambda row: (-row.revenue, -row.views, row.path))
    total_orders = sum(n for n, _ in orders.values())
    return Report(
        days=days, first_day=first, last_day=last, pages=tuple(pages),
        funnel=_funnel(counts, total_orders),
        referrers=tuple(Referrer(host, n) for host, n in sorted(referrers.items(), key=lambda item: (-item[1], item[0]))[:10]),
        currency=_currency(first, last), revenue=sum((r for _, r in orders.values()), Decimal(0)), orders=total_orders,
    )


def _funnel(counts: dict[tuple[str, str], int], orders: int) -> tuple[FunnelStep, ...]:
    words = {event.name: event.words for event in EVENTS}
    steps: list[FunnelStep] = []
    for event in FUNNEL:
        # Paid comes from the orders themselves, so the funnel's last step agrees with Saleor.
        count = orders if event == PAID else sum(n for (name, _), n in counts.items() if name == event)
        previous = steps[-1].count if steps else None
        drop_off = (1 - count / previous) if previous else None
        steps.append(FunnelStep(event, words[event], count, drop_off))
    return tuple(steps)


def _completed(first: date, last: date) -> QuerySet[CheckoutAttempt]:
    """Orders recorded on the shop's days `first` to `last`."""
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return CheckoutAttempt.objects.filter(completed__gte=start, completed__lt=end, order_token__isnull=False)


def _orders_by_landing_page(first: date, last: date) -> dict[str, tuple[int, Decimal]]:
    rows = _completed(first, last).values("landing_page").annotate(orders=Count("pk"), revenue=Sum("order_total"))
    return {row["landing_page"]: (row["orders"], row["revenue"] or Decimal(0)) for row in rows}


def _currency(first: date, last: date) -> str:
    return _completed(first, last).exclude(order_currency="").values_list("order_currency", flat=True).first() or "USD"


def dashboard_tile() -> DashboardTile:
    """Seven days at a glance for the staff dashboard. Cached for a minute, shared by every staff
    member: the week's report reads every count and order of seven days, and the dashboard is the
    page staff leave open and reload. The shop's day is in the key, so midnight starts a new week."""
    return cache.get_or_set(f"{TILE_CACHE_KEY}:{shop_day().isoformat()}", _dashboard_tile, TILE_CACHE_SECONDS)


def _dashboard_tile() -> DashboardTile:
    week = report(days=7)
    guided = [row for row in week.pages if row.orders]
    return DashboardTile(
        days=7, visits=week.funnel[0].count, orders=week.orders, revenue=week.revenue, currency=week.currency,
        best_page=guided[0] if guided else None,
    )


@dataclass(frozen=True)
class CountingStatement:
    """What the privacy page says about counting, from `definitions`."""

    events: tuple
    vitals: tuple
    vitals_sample: float
    page_types: tuple[str, ...]
    kept_days: int

    @property
    def vitals_sample_words(self) -> str:
        return f"{self.vitals_sample:.0%}"


def counting_statement() -> CountingStatement:
    return CountingStatement(events=EVENTS, vitals=VITALS, vitals_sample=settings.ANALYTICS_VITALS_SAMPLE,
                             page_types=tuple(dict.fromkeys(COUNTED_PAGES.values())), kept_days=KEPT_DAYS)


SPEED_DAYS = 7


@dataclass(frozen=True)
class VitalFigure:
    metric: str
    words: str
    unit: str
    p75: float  # at most this (the upper edge of the 75th percentile's bucket)
    good: float
    samples: int

    @property
    def is_good(self) -> bool:
        return self.p75 <= self.good

    @property
    def p75_words(self) -> str:
        return f"≤ {self.p75:g}{' ' + self.unit if self.unit else ''}"

    @property
    def good_words(self) -> str:
        return f"≤ {self.good:g}{' ' + self.unit if self.unit else ''}"


@dataclass(frozen=True)
class PageTypeSpeed:
    page_type: str
    vitals: tuple[VitalFigure, ...]


def speed(*, days: int = SPEED_DAYS) -> tuple[PageTypeSpeed, ...]:
    """The 75th percentile of each Core Web Vital per page type (what Google judges a page by)."""
    first, last = _window(days)
    histograms: dict[tuple[str, str], dict[int, int]] = {}
    rows = (VitalCount.objects.filter(day__gte=first, day__lte=last)
            .values_list("page_type", "metric", "bucket").annotate(total=Sum("count")))
    for page_type, metric, bucket, total in rows:
        histograms.setdefault((page_type, metric), {})[bucket] = total
    found = []
    for page_type in sorted({page_type for page_type, _ in histograms}):
        figures = []
        for vital in VITALS:
            histogram = histograms.get((page_type, vital.name))
            if histogram:
                samples = sum(histogram.values())
                figures.append(VitalFigure(vital.name, vital.words, vital.unit, _p75(histogram, vital.edges, samples),
                                           vital.good, samples))
        found.append(PageTypeSpeed(page_type, tuple(figures)))
    return tuple(found)


def _p75(histogram: dict[int, int], edges: tuple[float, ...], samples: int) -> float:
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= 0.75 * samples:
            return edges[bucket]
    return edges[-1]
