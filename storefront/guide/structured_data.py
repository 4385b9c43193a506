"""schema.org data for search engines (JSON-LD): Article, FAQPage and BreadcrumbList for guide
pages, Product with an Offer for the product page."""
from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from catalog.selectors import ProductCard

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


def product(card: ProductCard) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": card.seo_description or (card.paragraphs[0] if card.paragraphs else card.name),
        "image": [picture.raster_url for picture in card.pictures],
        "sku": card.sku,
        "brand": {"@type": "Brand", "name": "QL Claw"},
        "offers": {
            "@type": "Offer",
            "url": absolute(f"/products/{card.slug}/"),
            "price": f"{card.price.amount:.2f}",
            "priceCurrency": card.price.currency,
            "availability": "https://schema.org/InStock" if card.in_stock else "https://schema.org/OutOfStock",
            "hasMerchantReturnPolicy": return_policy(),
        },
    }


# content/returns.md: 30 days from delivery, by mail; the buyer who changed their mind pays the postage.
RETURN_WINDOW_DAYS = 30


def return_policy() -> dict:
    return {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": settings.SHOP_COUNTRY,
        "returnPolicyCategory": "https://schema.org/MerchantReturnFiniteReturnWindow",
        "merchantReturnDays": RETURN_WINDOW_DAYS,
        "returnMethod": "https://schema.org/ReturnByMail",
        "returnFees": "https://schema.org/ReturnShippingFees",
        "merchantReturnLink": absolute(reverse("pages:page", args=["returns"])),
    }
