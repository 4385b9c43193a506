"""schema.org data for the product page (JSON-LD): the Product with its Offer and return policy.
Review ratings are added by `reviews.structured_data`."""
from __future__ import annotations

from django.conf import settings

from core.links import absolute_url

from .selectors import ProductCard


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
            "url": absolute_url("catalog:product", card.slug),
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
        "merchantReturnLink": absolute_url("pages:page", "returns"),
    }
