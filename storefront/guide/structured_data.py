"""schema.org data for search engines (JSON-LD): Article, FAQPage and BreadcrumbList for guide
pages. The product page's Product is `catalog.structured_data`."""
from __future__ import annotations

from django.conf import settings

from .content import GuidePage

PUBLISHER = {"@type": "Organization", "name": "QL Claw", "url": settings.SHOP_BASE_URL + "/"}


def absolute(path: str) -> str:
    return settings.SHOP_BASE_URL + path


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def article(page: GuidePage) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "dateModified": page.updated.isoformat(),
        "datePublished": page.updated.isoformat(),
        "author": PUBLISHER,
        "publisher": PUBLISHER,
        "mainEntityOfPage": absolute(page.url),
        "citation": list(page.sources),
    }
    if page.preview_source:
        data["image"] = absolute(page.preview_url)
    return data


def faq(page: GuidePage) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": item.question, "acceptedAnswer": {"@type": "Answer", "text": item.answer}}
            for item in page.faq
        ],
    }
