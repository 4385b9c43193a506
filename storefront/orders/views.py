from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .selectors import order_by_token


@require_safe
@never_cache
def order_status(request: HttpRequest, token: str) -> HttpResponse:
    """The private status page; only the unguessable token addresses an order."""
    order = order_by_token(str(token))
    if order is None:
        raise Http404("No such order")
    response = render(request, "orders/status.html", {"order": order, "just_placed": request.GET.get("placed") == "1"})
    # The token in the URL is the key to the order: never send it on to other sites.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
