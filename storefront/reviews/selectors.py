"""Reads of reviews: the order a review link is for, what a product page shows (approved
reviews only), and the staff's moderation list and dashboard tile."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from django.conf import settings
from django.core.paginator import InvalidPage, PageNotAnInteger, Paginator
from django.db.models import Avg, Count, QuerySet

from saleor_client.client import saleor

from .models import Review

SHIPPED = ("FULFILLED", "PARTIALLY_FULFILLED")


class NoSuchReviewPage(Exception):
    """The page number is not a number (`not_a_number`), or there is no such page."""

    def __init__(self, message: str, *, not_a_number: bool) -> None:
        super().__init__(message)
        self.not_a_number = not_a_number


@dataclass(frozen=True)
class OrderForReview:
    token: str
    number: str
    email: str
    status: str
    shown_name: str
    product_slug: str
    product_name: str

    @property
    def shipped(self) -> bool:
        return self.status in SHIPPED


def shown_name(first_name: str, last_name: str) -> str:
    """"Anna K.": the first name and the last name's initial, never the whole name."""
    first, last = (first_name or "").strip(), (last_name or "").strip()
    if not first:
        return f"{last[0].upper()}." if last else "A buyer"
    return f"{first} {last[0].upper()}." if last else first


def order_for_review(order_token: str) -> Optional[OrderForReview]:
    """The order by its token, straight from Saleor (never cached: it may have been cancelled)."""
    try:
        uuid.UUID(str(order_token))
    except ValueError:
        return None
    order = saleor().order_for_review(token=str(order_token)).order_by_token
    if order is None:
        return None
    address = order.shipping_address or order.billing_address
    product = next((line.variant.product for line in order.lines if line and line.variant and line.variant.product), None)
    return OrderForReview(
        token=str(order.token),
        number=order.number or "",
        email=(order.user_email or "").strip().lower(),
        status=order.status.value,
        shown_name=shown_name(address.first_name, address.last_name) if address else "A buyer",
        product_slug=product.slug if product else "",
        product_name=product.name if product else "",
    )


@dataclass(frozen=True)
class OwnReview:
    """What the buyer wrote, to edit it."""

    rating: int
    title: str
    text: str
    status: str


def review_of_order(order_token: str) -> Optional[OwnReview]:
    review = Review.objects.filter(order_token=order_token).first()
    if review is None:
        return None
    return OwnReview(rating=review.rating, title=review.title, text=review.text, status=review.status)


@dataclass(frozen=True)
class StarCount:
    stars: int
    count: int


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: Decimal  # one decimal, as shown: the JSON-LD says the same
    distribution: tuple[StarCount, ...]  # 5 stars first

    @property
    def rounded_stars(self) -> int:
        return int(self.average.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ShownReview:
    rating: int
    title: str
    text: str
    shown_name: str
    created: datetime
    reply: str
    replied_at: Optional[datetime]


@dataclass(frozen=True)
class ProductReviews:
    summary: RatingSummary
    reviews: tuple[ShownReview, ...]  # this page's, newest first
    page: int
    pages: int

    @property
    def previous_page(self) -> Optional[int]:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> Optional[int]:
        return self.page + 1 if self.page < self.pages else None


def _approved(product_slug: str) -> QuerySet[Review]:
    return Review.objects.filter(product_slug=product_slug, status=Review.Status.APPROVED)


def rating_summary(product_slug: str) -> RatingSummary:
    approved = _approved(product_slug)
    totals = approved.aggregate(count=Count("id"), average=Avg("rating"))
    by_stars = dict(approved.values_list("rating").annotate(n=Count("id")).values_list("rating", "n"))
    average = Decimal(str(totals["average"] or 0)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return RatingSummary(
        count=totals["count"],
        average=average,
        distribution=tuple(StarCount(stars=stars, count=by_stars.get(stars, 0)) for stars in range(5, 0, -1)),
    )


def product_reviews(product_slug: str, *, page: Optional[str] = None) -> ProductReviews:
    """Approved reviews only, newest first; `page` as it came in the address (None: the first)."""
    paginator = Paginator(_approved(product_slug).order_by("-created", "-id"), settings.REVIEWS_PER_PAGE)
    try:
        shown = paginator.page(page if page is not None else 1)
    except InvalidPage as error:  # not a number, below 1, or past the last page
        raise NoSuchReviewPage(str(error), not_a_number=isinstance(error, PageNotAnInteger)) from error
    return ProductReviews(
        summary=rating_summary(product_slug),
        reviews=tuple(
            ShownReview(rating=review.rating, title=review.title, text=review.text, shown_name=review.shown_name,
                        created=review.created, reply=review.reply, replied_at=review.replied_at)
            for review in shown.object_list
        ),
        page=shown.number,
        pages=paginator.num_pages,
    )


@dataclass(frozen=True)
class StaffReview:
    id: int
    order_number: str
    product_name: str
    rating: int
    title: str
    text: str
    shown_name: str
    status: str
    reply: str
    created: datetime
    updated: datetime
    moderated_by: str


def reviews_for_staff(status: str, limit: int = 200) -> list[StaffReview]:
    reviews = Review.objects.order_by("-updated")
    if status:
        reviews = reviews.filter(status=status)
    return [
        StaffReview(id=review.id, order_number=review.order_number, product_name=review.product_name,
                    rating=review.rating, title=review.title, text=review.text, shown_name=review.shown_name,
                    status=review.status, reply=review.reply, created=review.created, updated=review.updated,
                    moderated_by=review.moderated_by)
        for review in reviews[:limit]
    ]


@dataclass(frozen=True)
class ReviewTile:
    new: int  # waiting for a staff member


def dashboard_tile() -> ReviewTile:
    return ReviewTile(new=Review.objects.filter(status=Review.Status.NEW).count())
