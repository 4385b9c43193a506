from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from shared_cache.decorators import cacheable_for, same_origin_post

from . import sending, services
from .forms import SignupForm


@require_POST
@never_cache
@same_origin_post
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST)
    # Per address (5/h by default) and per visitor IP: enough for typos, too few for abuse.
    limited = is_ratelimited(
        request, group="newsletter-ip", key="ip", rate=settings.NEWSLETTER_SIGNUPS_PER_IP, increment=True
    ) or (
        form.is_valid()
        and is_ratelimited(
            request, group="newsletter-email", key=lambda group, request: request.POST["email"].strip().lower(),
            rate=settings.NEWSLETTER_SIGNUPS_PER_EMAIL, increment=True,
        )
    )
    if limited:
        form.add_error("email", "Too many sign-ups from here. Please try again in an hour.")
        return render(request, "newsletter/signup.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "newsletter/signup.html", {"form": form}, status=400)
    services.request_subscription(form.cleaned_data["email"])
    return render(request, "newsletter/check_inbox.html", {"email": form.cleaned_data["email"]})


@require_http_methods(["GET"])
@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if services.confirm(token):
        return render(request, "newsletter/confirmed.html")
    return render(request, "newsletter/link_invalid.html", status=400)


@require_http_methods(["GET", "POST"])
@never_cache
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST does it: link scanners in mail clients only ever GET. No CSRF token: the
    signed token in the address is the key, and mail providers' one-click unsubscribe (RFC
    8058, List-Unsubscribe-Post) posts here without one."""
    if request.method == "POST":
        if services.unsubscribe(token):
            return render(request, "newsletter/unsubscribed.html")
        return render(request, "newsletter/link_invalid.html", status=400)
    return render(request, "newsletter/unsubscribe.html", {"token": token})


@require_safe
@cacheable_for(60)
def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/archive.html", {"issues": sending.sent_issues()})


@require_safe
@cacheable_for(60)
def issue(request: HttpRequest, slug: str) -> HttpResponse:
    """A sent issue on the web; drafts are not published."""
    found = sending.sent_issue(slug)
    if found is None:
        raise Http404("No such newsletter issue")
    return render(request, "newsletter/issue.html", {"issue": found, **sending.issue_context(found)})
