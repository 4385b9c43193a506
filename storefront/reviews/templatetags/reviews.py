from django import template

from ..selectors import dashboard_tile, rating_summary

register = template.Library()


@register.inclusion_tag("reviews/_dashboard_tile.html")
def review_tile() -> dict:
    """On the staff dashboard: how many reviews wait for a staff member."""
    return {"tile": dashboard_tile()}


@register.simple_tag
def stars(rating: int) -> str:
    """★★★★☆ for 4: drawn stars only; the words beside them say the rating to everyone."""
    rating = max(0, min(5, int(rating)))
    return "★" * rating + "☆" * (5 - rating)


@register.inclusion_tag("reviews/_card_rating.html")
def card_rating(product_slug: str) -> dict:
    """On a product card in the guide: the average and count of approved reviews, linked to them
    (nothing while there are none). The page is cached with the catalog, which approving purges."""
    return {"summary": rating_summary(product_slug), "slug": product_slug}
