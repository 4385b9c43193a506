"""schema.org data for the product page (JSON-LD): the Product with its Offer, where it ships at
what price and how fast, and the return policy. Review ratings are added by `reviews.structured_data`."""
from __future__ import annotations

from django.conf import settings

from core.links import absolute_url
from shipping.selectors import ShippingZone, transit_days

from .pictures import listing_url
from .selectors import ProductCard

# content/shipping.md: orders are packed on the next business day at the latest.
HANDLING_DAYS = (0, 1)


def product(card: ProductCard, zones: tuple[ShippingZone, ...] = ()) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": card.seo_description or (card.paragraphs[0] if card.paragraphs else card.name),
        # Google asks for several aspect ratios: the first picture at 1200×630, and each one square.
        "image": [picture.raster_url for picture in card.pictures[:1]] + [listing_url(picture) for picture in card.pictures],
        "sku": card.sku,
        "brand": {"@type": "Brand", "name": "QL Claw"},
        "offers": {
            "@type": "Offer",
            "url": absolute_url("catalog:product", card.slug),
            "price": f"{card.price.amount:.2f}",
            "priceCurrency": card.price.currency,
            "availability": "https://schema.org/InStock" if card.in_stock else "https://schema.org/OutOfStock",
            "hasMerchantReturnPolicy": return_policy(),
            **({"shippingDetails": shipping_details(zones)} if zones else {}),
        },
    }


def _days(low: int, high: int) -> dict:
    return {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, "unitCode": "DAY"}


def shipping_details(zones: tuple[ShippingZone, ...]) -> list[dict]:
    """One OfferShippingDetails per shipping method, for every country of its zone (Saleor's
    zones, the catalog's markets), at Saleor's price before any tax the destination adds."""
    details = []
    for zone in zones:
        for rate in zone.rates:
            entry = {
                "@type": "OfferShippingDetails",
                "shippingLabel": rate.name,
                "shippingRate": {"@type": "MonetaryAmount", "value": f"{rate.price.amount:.2f}",
                                 "currency": rate.price.currency},
                "shippingDestination": [{"@type": "DefinedRegion", "addressCountry": code}
                                        for code in zone.country_codes],
            }
            transit = transit_days(rate.delivery)
            if transit:
                entry["deliveryTime"] = {"@type": "ShippingDeliveryTime", "handlingTime": _days(*HANDLING_DAYS),
                                         "transitTime": _days(*transit)}
            details.append(entry)
    return details


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
