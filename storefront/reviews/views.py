from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ReviewForm
from .selectors import order_for_review, review_of_order
from .tokens import key_is_valid


@require_http_methods(["GET", "POST"])
@never_cache
def write(request: HttpRequest, order_token: str, key: str) -> HttpResponse:
    """The review form behind the signed link in the review request; the same link edits it."""
    order = order_for_review(order_token) if key_is_valid(order_token, key) else None
    if order is None or not order.shipped:
        return render(request, "reviews/link_invalid.html", {"link_days": settings.REVIEW_LINK_MAX_AGE_DAYS}, status=400)
    own = review_of_order(order.token)
    initial = {"rating": own.rating, "title": own.title, "text": own.text} if own else None
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(order=order, **form.cleaned_data)
        except services.ReviewRefused as refused:
            form.add_error(None, str(refused))
        else:
            return render(request, "reviews/saved.html", {"order": order, "edited": own is not None,
                                                          "link_days": settings.REVIEW_LINK_MAX_AGE_DAYS})
    status = 400 if form.errors else 200
    return render(request, "reviews/write.html", {"form": form, "order": order, "own": own}, status=status)
