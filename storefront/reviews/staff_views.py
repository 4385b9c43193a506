"""Staff moderation of reviews under /staff/reviews/: approve, hide, reply publicly."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from staff.auth import staff_required

from . import services
from .forms import ModerationFilter, ReplyForm
from .selectors import reviews_for_staff

DONE = {"approve": "Approved: the review shows on the product page.",
        "hide": "Hidden: the review no longer shows on the product page."}


@require_safe
@staff_required
def moderation(request: HttpRequest) -> HttpResponse:
    chosen = ModerationFilter(request.GET or {"status": "new"})
    if not chosen.is_valid():
        return render(request, "reviews/staff/list.html", {"filter": chosen, "reviews": []}, status=400)
    status = chosen.cleaned_data["status"]
    return render(request, "reviews/staff/list.html", {"filter": chosen, "status": status,
                                                        "reviews": reviews_for_staff(status)})


@require_POST
@staff_required
def moderate(request: HttpRequest, review_id: int, action: str) -> HttpResponse:
    try:
        if action == "reply":
            form = ReplyForm(request.POST)
            if not form.is_valid():
                messages.error(request, form.errors["reply"][0])
                return redirect("staff-reviews:list")
            services.reply(review_id=review_id, text=form.cleaned_data["reply"], staff_email=request.staff.email)
            messages.success(request, "Reply saved." if form.cleaned_data["reply"] else "Reply removed.")
        else:
            act = services.approve if action == "approve" else services.hide
            act(review_id=review_id, staff_email=request.staff.email)
            messages.success(request, DONE[action])
    except services.ReviewRefused as refused:
        messages.error(request, str(refused))
    # Back to the list the admin was on (its filter), never anywhere else.
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/staff/reviews/") and "//" not in back else "staff-reviews:list")
