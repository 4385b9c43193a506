"""The Product JSON-LD's review properties, from approved reviews only (none: no properties,
so no stars can show in search results)."""
from __future__ import annotations

from .selectors import ProductReviews


def rating_properties(product_reviews: ProductReviews) -> dict:
    summary = product_reviews.summary
    if not summary.count:
        return {}
    return {
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": str(summary.average),
            "reviewCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        },
        "review": [
            {
                "@type": "Review",
                "name": review.title,
                "reviewBody": review.text,
                "datePublished": review.created.date().isoformat(),
                "author": {"@type": "Person", "name": review.shown_name},
                "reviewRating": {"@type": "Rating", "ratingValue": review.rating, "bestRating": 5, "worstRating": 1},
            }
            for review in product_reviews.reviews
        ],
    }
