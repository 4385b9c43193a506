from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from orders.forms import OrderLookupForm
from orders.selectors import Order, order_by_token
from staff.auth import staff_required

from . import services
from .forms import ERASE, DataRequestForm
from .models import DataRequest
from .selectors import buyer_data, requests_for_staff
from .tokens import read_export_key


@require_safe
@never_cache  # it carries the lookup form's CSRF token: the visitor's alone, never the proxy's
def about(request: HttpRequest) -> HttpResponse:
    """How to get a copy of your data or have it deleted: from the order page, whose link the
    order lookup e-mails to the address the order was placed with."""
    return render(request, "privacy_requests/about.html", {"form": OrderLookupForm(), "link_days": settings.DATA_EXPORT_LINK_DAYS})


def _private(response: HttpResponse) -> HttpResponse:
    # The address is the key to the data: never sent to other sites. Not "no-referrer": from such a
    # page Chromium posts its forms with `Origin: null`, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _limited(request: HttpRequest, order: Order) -> bool:
    """Per visitor and per address, like the withdrawal form: nobody mail-bombs a buyer."""
    return is_ratelimited(
        request, group="data-request-ip", key="ip", rate=settings.DATA_REQUESTS_PER_IP, increment=True
    ) or is_ratelimited(
        request, group="data-request-email", key=lambda group, request: order.email.lower(),
        rate=settings.DATA_REQUESTS_PER_EMAIL, increment=True,
    )


@require_http_methods(["GET", "POST"])
@never_cache
def order_data(request: HttpRequest, token: str) -> HttpResponse:
    """From the order page: a copy of the buyer's data by e-mail, or its erasure."""
    order = order_by_token(str(token))
    if order is None:
        raise Http404("No such order")
    form = DataRequestForm(request.POST or None)
    context = {"order": order, "form": form, "link_days": settings.DATA_EXPORT_LINK_DAYS,
               "retention_years": settings.ORDER_RETENTION_YEARS}
    if request.method == "GET":
        return _private(render(request, "privacy_requests/order.html", context))
    if _limited(request, order):
        form.add_error(None, "Too many requests from here. Please try again in an hour, or write to us.")
        return _private(render(request, "privacy_requests/order.html", context, status=429))
    if not form.is_valid():
        return _private(render(request, "privacy_requests/order.html", context, status=400))
    if form.cleaned_data["action"] == ERASE:
        answered = services.erase(order=order)
        request.session.flush()  # the session lives in this browser's cookie: ended with the rest
    else:
        answered = services.request_copy(order=order)
    return _private(render(request, "privacy_requests/answered.html", {**context, "answered": answered}))


@require_safe
@never_cache
def download(request: HttpRequest, key: str) -> HttpResponse:
    """The copy of the buyer's data as JSON, through the link e-mailed to them."""
    request_id = read_export_key(key)
    asked = DataRequest.objects.filter(pk=request_id, kind=DataRequest.EXPORT).first() if request_id else None
    if asked is None:
        return _private(render(request, "privacy_requests/link_invalid.html", {"link_days": settings.DATA_EXPORT_LINK_DAYS},
                               status=404))
    response = JsonResponse(buyer_data(asked.email), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="qlclaw-data-{timezone.now():%Y-%m-%d}.json"'
    return _private(response)


@require_safe
@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy_requests/staff/list.html", {"requests": requests_for_staff(),
                                                                 "shop_time_zone": settings.SHOP_TIME_ZONE})
