from __future__ import annotations

from functools import wraps
from typing import Any, Callable
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

View = Callable[..., HttpResponse]


def cacheable_for(seconds: int) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            request.shared_cache = True
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                response["Cache-Control"] = f"public, max-age={seconds}"
            return response

        return wrapped

    return decorator


def same_origin_post(view: View) -> View:
    """For forms on shared-cache pages, which carry no per-visitor CSRF token.

    Browsers send Origin (or at least Referer) with every form POST; a post from another site
    is refused. The session cookie is SameSite=Lax, so a cross-site post would not reach the
    visitor's cart anyway: this check is the second lock on the door.
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
            host = urlparse(origin).netloc
            allowed = {urlparse(settings.SHOP_BASE_URL).netloc, request.get_host()}
            if not host or host not in allowed:
                return HttpResponseForbidden("This form must be sent from the shop's own pages.")
        return view(request, *args, **kwargs)

    return wrapped
