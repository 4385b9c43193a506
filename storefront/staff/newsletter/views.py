"""The staff side of the newsletter: write an issue, preview it, test it, send it."""
from __future__ import annotations

from typing import Optional

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from newsletter import sending
from newsletter.forms import IssueForm, SendIssueForm
from newsletter.models import Issue, Subscriber

from .. import auth


def _issue_or_404(issue_id: int) -> Issue:
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None:
        raise Http404("No such issue")
    return issue


@require_safe
@auth.staff_required
def issues(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/newsletter_list.html", {
        "issues": Issue.objects.all(),
        "subscribers": Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).count(),
    })


@require_http_methods(["GET", "POST"])
@auth.staff_required
def new_issue(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issue = form.save()
        messages.success(request, "Draft saved. Check the preview, send yourself a test, then send it.")
        return redirect("staff:issue", issue_id=issue.pk)
    return render(request, "staff/newsletter_edit.html", {"form": form}, status=400 if form.errors else 200)


def _issue_page(request: HttpRequest, issue: Issue, *, form: Optional[IssueForm] = None,
                send_form: Optional[SendIssueForm] = None, status: int = 200) -> HttpResponse:
    return render(request, "staff/newsletter_issue.html", {
        "issue": issue, **sending.issue_context(issue),
        "form": form or (IssueForm(instance=issue) if issue.status == Issue.Status.DRAFT else None),
        "send_form": send_form or SendIssueForm(),
        "subscribers": Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).count(),
    }, status=status)


@require_http_methods(["GET", "POST"])
@auth.staff_required
def issue(request: HttpRequest, issue_id: int) -> HttpResponse:
    """The preview, and the draft's form (a sent issue is no longer edited)."""
    found = _issue_or_404(issue_id)
    if request.method == "GET":
        return _issue_page(request, found)
    if found.status != Issue.Status.DRAFT:
        messages.error(request, "This issue was sent; it can no longer be changed.")
        return redirect("staff:issue", issue_id=found.pk)
    form = IssueForm(request.POST, instance=found)
    if form.is_valid():
        form.save()
        messages.success(request, "Draft saved.")
        return redirect("staff:issue", issue_id=found.pk)
    return _issue_page(request, found, form=form, status=400)


@require_POST
@auth.staff_required
def send_test(request: HttpRequest, issue_id: int) -> HttpResponse:
    found = _issue_or_404(issue_id)
    sending.queue_test(found, request.staff.email)
    messages.success(request, f"A test is on its way to {request.staff.email}.")
    return redirect("staff:issue", issue_id=found.pk)


@require_POST
@auth.staff_required
def send(request: HttpRequest, issue_id: int) -> HttpResponse:
    found = _issue_or_404(issue_id)
    form = SendIssueForm(request.POST)
    if not form.is_valid():
        return _issue_page(request, found, send_form=form, status=400)
    try:
        count = sending.send_to_subscribers(found.pk, request.staff.email)
    except sending.IssueError as error:
        messages.error(request, str(error))
        return redirect("staff:issue", issue_id=found.pk)
    messages.success(request, f"Sending to {count} confirmed subscriber{'s' if count != 1 else ''}. It is archived on the web.")
    return redirect("staff:issue", issue_id=found.pk)
