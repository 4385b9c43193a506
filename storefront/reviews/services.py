"""Writes of reviews: scheduling the request, the buyer's review, and staff moderation.

A change to what the product page shows (approving, hiding, replying to or editing a shown
review) purges the catalog after the commit, which retires the cached product pages too."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobs.queue import defer
from shared_cache.generation import purge_catalog

from .models import Review, ReviewRequest
from .selectors import OrderForReview
from .tasks import send_review_request


class ReviewRefused(Exception):
    """The review cannot be written or changed; the message says why, for the reader."""


def schedule_review_request(*, order_token: str) -> None:
    """Called when (part of) an order ships: the request goes out once per order, however many
    shipments it has, REVIEW_REQUEST_DAYS_AFTER_SHIPPING days after the first."""
    days = settings.REVIEW_REQUEST_DAYS_AFTER_SHIPPING
    with transaction.atomic():
        _, created = ReviewRequest.objects.get_or_create(
            order_token=order_token, defaults={"due_at": timezone.now() + timedelta(days=days)}
        )
        if created:  # the unique row is the once-per-order guard; the job joins its transaction
            defer(send_review_request, order_token=str(order_token), schedule_in={"seconds": days * 24 * 3600})


def _purge_after_commit() -> None:
    transaction.on_commit(purge_catalog)


def submit_review(*, order: OrderForReview, rating: int, title: str, text: str) -> Review:
    """The buyer's one review of this order: written the first time, edited after. An edit is
    read by staff again before it shows."""
    if not order.shipped:
        raise ReviewRefused("This order has not shipped, so it cannot be reviewed yet.")
    if not order.product_slug:
        raise ReviewRefused("The product of this order is no longer sold, so it cannot be reviewed.")
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(order_token=order.token).first()
        if review is not None and review.status == Review.Status.APPROVED:
            _purge_after_commit()
        review = review or Review(order_token=order.token)
        review.order_number = order.number
        review.product_slug, review.product_name = order.product_slug, order.product_name
        review.rating, review.title, review.text = rating, title, text
        review.shown_name = order.shown_name
        review.status = Review.Status.NEW
        review.save()
    return review


def _moderated(review_id: int) -> Review:
    review = Review.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ReviewRefused("There is no such review.")
    return review


def approve(*, review_id: int, staff_email: str) -> None:
    _set_status(review_id=review_id, status=Review.Status.APPROVED, staff_email=staff_email)


def hide(*, review_id: int, staff_email: str) -> None:
    _set_status(review_id=review_id, status=Review.Status.HIDDEN, staff_email=staff_email)


def _set_status(*, review_id: int, status: str, staff_email: str) -> None:
    with transaction.atomic():
        review = _moderated(review_id)
        if Review.Status.APPROVED in (review.status, status):
            _purge_after_commit()
        review.status, review.moderated_at, review.moderated_by = status, timezone.now(), staff_email
        review.save(update_fields=["status", "moderated_at", "moderated_by", "updated"])


def reply(*, review_id: int, text: str, staff_email: str) -> None:
    """The shop's public answer under the review (empty: no answer)."""
    with transaction.atomic():
        review = _moderated(review_id)
        if review.status == Review.Status.APPROVED:
            _purge_after_commit()
        review.reply, review.replied_at = text, (timezone.now() if text else None)
        review.moderated_by = staff_email
        review.save(update_fields=["reply", "replied_at", "moderated_by", "updated"])


# What a review shows for its author once the buyer asked for their data to be erased.
ERASED_NAME = "A buyer"


def forget_buyer(*, order_tokens: list[str]) -> tuple[int, int]:
    """On a buyer's request for erasure: their reviews show no name, and review requests not yet
    sent are not sent. Returns (reviews renamed, requests stopped)."""
    with transaction.atomic():
        reviews = Review.objects.select_for_update().filter(order_token__in=order_tokens).exclude(shown_name=ERASED_NAME)
        if reviews.filter(status=Review.Status.APPROVED).exists():
            _purge_after_commit()
        renamed = reviews.update(shown_name=ERASED_NAME, updated=timezone.now())
        stopped = ReviewRequest.objects.filter(
            order_token__in=order_tokens, status=ReviewRequest.Status.SCHEDULED
        ).update(status=ReviewRequest.Status.SKIPPED, reason="the buyer asked for their data to be erased")
    return renamed, stopped
