from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe

from catalog.selectors import ProductCard, product_card
from saleor_client.errors import SaleorUnavailable
from shared_cache.decorators import cacheable_for, same_origin_post

from . import structured_data
from .content import GuidePage, guide_pages, hub, muscle_pages, regions
from .forms import SelfCheckForm


def product_cards(slugs: tuple[str, ...]) -> list[ProductCard]:
    """Live (cached) product cards; a guide page still renders while Saleor is down."""
    cards = []
    for slug in slugs:
        try:
            card = product_card(slug)
        except SaleorUnavailable:
            continue
        if card:
            cards.append(card)
    return cards


@require_safe
def guide_index(request: HttpRequest) -> HttpResponse:
    return redirect(hub().url, permanent=True)


@require_safe
@cacheable_for(60)
def guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = guide_pages().get(slug)
    # Only pages whose kind lives under /guide/ are served here.
    if page is None or page.url != reverse("guide:page", args=[slug]):
        raise Http404("No such guide page")
    trail = [("Home", "/"), ("Lower back trigger points", hub().url)]
    if page.kind != "hub":
        trail.append((page.title, page.url))
    context = {
        "page": page,
        "products": product_cards(page.products),
        "muscles": muscle_pages(),
        # A belly-side page sends the reader to the muscles the tool is made for instead of a Buy box.
        "tool_muscles": [muscle for muscle in muscle_pages() if not muscle.belly_side] if page.belly_side else [],
        "structured": [structured_data.article(page), structured_data.breadcrumbs(trail)]
        + ([structured_data.faq(page)] if page.faq else []),
        "trail": trail,
        "reviewed_pages": sorted(guide_pages().values(), key=lambda other: other.title) if page.show_review_dates else [],
    }
    return render(request, "guide/page.html", context)


@require_safe
@cache_control(public=True, max_age=86400)
def guide_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """Where share pictures were once drawn per request: links already shared go to the built file."""
    page = guide_pages().get(slug)
    if page is None or not page.preview_source:
        raise Http404("No such guide page")
    return redirect(page.preview_url, permanent=True)


def _muscles_by_region() -> dict[str, list[GuidePage]]:
    found: dict[str, list[GuidePage]] = {region.id: [] for region in regions()}
    for page in muscle_pages():
        for region in page.regions:
            found.setdefault(region, []).append(page)
    return found


@require_safe
@cacheable_for(60)
def finder(request: HttpRequest, region: str | None = None) -> HttpResponse:
    by_region = _muscles_by_region()
    chosen = next((r for r in regions() if r.id == region), None)
    if region is not None and chosen is None:
        raise Http404("No such region")
    context = {
        "regions": regions(),
        "by_region": by_region,
        "chosen": chosen,
        "chosen_muscles": by_region.get(chosen.id, []) if chosen else [],
        "products": product_cards((settings.FEATURED_PRODUCT_SLUG,)) if chosen else [],
        "structured": [structured_data.breadcrumbs([("Home", "/"), ("Lower back trigger points", hub().url), ("Where does it hurt?", reverse("guide:finder"))])],
    }
    return render(request, "guide/finder.html", context)


def _self_check_context(form: SelfCheckForm) -> dict:
    trail = [("Home", "/"), ("Lower back trigger points", hub().url), ("Before you start", reverse("guide:self-check"))]
    return {"form": form, "structured": [structured_data.breadcrumbs(trail)], "trail": trail}


@require_safe
@cacheable_for(60)
def self_check(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/self_check.html", _self_check_context(SelfCheckForm()))


@require_POST
@never_cache
@same_origin_post
def self_check_answer(request: HttpRequest) -> HttpResponse:
    # A POST, so what the reader ticked stays out of addresses, history and logs.
    form = SelfCheckForm(request.POST)
    if not form.is_valid():
        return render(request, "guide/self_check.html", _self_check_context(form), status=400)
    context = _self_check_context(form) | {"answered": True, "ticked": form.ticked(), "urgent": form.needs_urgent_help()}
    return render(request, "guide/self_check.html", context)


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /cart/",
        "Disallow: /checkout/",
        "Disallow: /orders/",
        "Disallow: /data-copy/",
        f"Sitemap: {settings.SHOP_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
