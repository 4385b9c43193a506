"""The review request: one e-mail per shipped order, REVIEW_REQUEST_DAYS_AFTER_SHIPPING days later."""
from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from core.company import company
from core.links import absolute_url
from jobs.queue import job
from mail.services import make_message_id, send_templated_email
from newsletter.selectors import has_unsubscribed
from newsletter.tokens import unsubscribe_token

from .models import ReviewRequest
from .selectors import order_for_review
from .tokens import review_key


class OrderNotReadable(Exception):
    """Saleor did not return the order: the job tries again later."""


def _skip(request: ReviewRequest, reason: str) -> str:
    request.status, request.reason = ReviewRequest.Status.SKIPPED, reason
    request.save(update_fields=["status", "reason"])
    return f"skipped: {reason}"


@job(title="E-mail a buyer the request for a review")
def send_review_request(*, order_token: str) -> str:
    request = ReviewRequest.objects.filter(order_token=order_token).first()
    if request is None or request.status != ReviewRequest.Status.SCHEDULED:
        return "nothing to send"
    order = order_for_review(order_token)
    if order is None:
        raise OrderNotReadable(f"Saleor has no order with token {order_token}")
    if not order.email:
        return _skip(request, "the order has no e-mail address")
    if not order.shipped:
        return _skip(request, f"the order is {order.status.lower()}, not shipped")
    if has_unsubscribed(order.email):
        return _skip(request, "the address unsubscribed")
    # Unsubscribing from the shop's mail stops review requests too: the same one-click link.
    unsubscribe_url = absolute_url("newsletter:unsubscribe", token=unsubscribe_token(order.email))
    send_templated_email(
        template="reviews/email/request",
        to=order.email,
        context={"order": order, "company": company(), "unsubscribe_url": unsubscribe_url,
                 "link_days": settings.REVIEW_LINK_MAX_AGE_DAYS,
                 "review_url": absolute_url("reviews:write", order_token=order.token, key=review_key(order.token))},
        message_id=make_message_id("order", order.token, "review-request"),
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    ReviewRequest.objects.filter(pk=request.pk).update(status=ReviewRequest.Status.SENT, sent_at=timezone.now())
    return "sent"
