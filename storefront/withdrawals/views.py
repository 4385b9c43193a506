from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from orders.selectors import order_by_token
from staff import auth

from . import services
from .forms import StaffWithdrawalForm, WithdrawalForm
from .markets import market_of
from .models import Withdrawal


@require_http_methods(["GET", "POST"])
@never_cache
def withdraw_from_order(request: HttpRequest, token: str) -> HttpResponse:
    """From the order page or an order e-mail: nothing to type, one button to confirm. The token
    in the address proves the order is theirs."""
    order = order_by_token(str(token))
    if order is None:
        raise Http404("No such order")
    withdrawal, error = services.withdrawal_for(order.token), ""
    if request.method == "POST" and withdrawal is None:
        try:
            services.withdraw(order=order, channel=Withdrawal.ORDER_PAGE)
        except services.NotWithdrawable as refused:
            error = str(refused)
        else:
            return redirect("withdrawals:order", token=order.token)
    response = render(request, "withdrawals/order.html", {
        "order": order, "withdrawal": withdrawal, "error": error, "market": market_of(order.shipping_country),
    }, status=400 if error else 200)
    # The token is the key to the order: never sent to other sites. Not "no-referrer": from such a
    # page Chromium posts the confirm button's form with `Origin: null`, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@never_cache
def withdraw_by_number(request: HttpRequest) -> HttpResponse:
    """Order number + e-mail + name -> the withdrawal is recorded and acknowledged by e-mail to
    the order's address. The answer is the same whether or not they matched."""
    form = WithdrawalForm(request.POST or None)
    if request.method == "GET":
        return render(request, "withdrawals/form.html", {"form": form})
    limited = is_ratelimited(
        request, group="withdrawal-ip", key="ip", rate=settings.WITHDRAWALS_PER_IP, increment=True
    ) or (
        form.is_valid()
        and is_ratelimited(
            request, group="withdrawal-email", key=lambda group, request: form.cleaned_data["email"],
            rate=settings.WITHDRAWALS_PER_EMAIL, increment=True,
        )
    )
    if limited:
        form.add_error(None, "Too many requests from here. Please try again in an hour, or write to us.")
        return render(request, "withdrawals/form.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "withdrawals/form.html", {"form": form}, status=400)
    services.withdraw_by_number(**form.cleaned_data)
    return render(request, "withdrawals/form_sent.html", {"email": form.cleaned_data["email"]})


@require_POST
@auth.staff_required
def record_for_staff(request: HttpRequest, token: str) -> HttpResponse:
    """A withdrawal the buyer sent by e-mail, letter or phone, recorded from the staff order page
    with the day it was received (today unless given): the buyer gets the same acknowledgement,
    staff the 14-day deadline counted from that day."""
    order = order_by_token(str(token))
    if order is None:
        raise Http404("No such order")
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    form = StaffWithdrawalForm(request.POST, order_day=order.created.astimezone(zone).date(), today=services.shop_today())
    if not form.is_valid():
        return render(request, "withdrawals/staff_refused.html", {"order": order, "form": form}, status=400)
    day = form.cleaned_data["received_on"]
    received_at = services.received_at_on(day, order_created=order.created) if day else None
    try:
        _, created = services.withdraw(order=order, channel=Withdrawal.STAFF, recorded_by=request.staff.email,
                                       received_at=received_at)
    except services.NotWithdrawable as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Withdrawal recorded; the buyer was e-mailed the acknowledgement." if created
                         else "This withdrawal was already recorded.")
    return redirect("staff:order", order_id=order.id)
