from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from . import services
from .forms import OrderLookupForm
from .selectors import just_placed_order, order_by_token


@require_safe
@never_cache
def order_status(request: HttpRequest, token: str) -> HttpResponse:
    """The private status page; only the unguessable token addresses an order."""
    just_placed = request.GET.get("placed") == "1"
    order = (just_placed and just_placed_order(str(token))) or order_by_token(str(token))
    if order is None:
        raise Http404("No such order")
    response = render(request, "orders/status.html", {"order": order, "just_placed": just_placed})
    # The token in the URL is the key to the order: never send it on to other sites.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def find_order(request: HttpRequest) -> HttpResponse:
    """Order number + e-mail -> the order's link, e-mailed to that address only. The answer is
    the same whether or not they matched, so the form tells nobody which orders exist."""
    form = OrderLookupForm(request.POST or None)
    if request.method == "GET":
        return render(request, "orders/find.html", {"form": form})
    # Per visitor (django-ratelimit's ip key, the client address behind the proxy) and per
    # address: a buyer can retry typos; nobody can mail-bomb an address or sweep order numbers.
    limited = is_ratelimited(
        request, group="order-lookup-ip", key="ip", rate=settings.ORDER_LOOKUPS_PER_IP, increment=True
    ) or (
        form.is_valid()
        and is_ratelimited(
            request, group="order-lookup-email", key=lambda group, request: form.cleaned_data["email"],
            rate=settings.ORDER_LOOKUPS_PER_EMAIL, increment=True,
        )
    )
    if limited:
        form.add_error(None, "Too many requests from here. Please try again in an hour.")
        return render(request, "orders/find.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "orders/find.html", {"form": form}, status=400)
    services.send_order_link(**form.cleaned_data)
    return render(request, "orders/find_sent.html", {"email": form.cleaned_data["email"]})
