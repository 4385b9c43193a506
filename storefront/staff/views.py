from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import get_usage

from . import auth, services
from .forms import CancelForm, FulfilForm, NoteForm, OrderFilterForm, RefundForm, SignInForm
from .selectors import DEFAULT_STATUS, order_detail, orders_page


def _too_many_failures(request: HttpRequest, *, count_this_one: bool) -> bool:
    """Failed sign-ins are counted per account (5 a minute) and per visitor (STAFF_SIGN_INS_PER_IP):
    guessing passwords becomes too slow, while successful sign-ins never lock anyone out."""
    limits = [
        ("staff-sign-in-ip", "ip", settings.STAFF_SIGN_INS_PER_IP),
        ("staff-sign-in-email", lambda group, request: request.POST.get("email", "").strip().lower(), "5/m"),
    ]
    reached = False
    for group, key, rate in limits:
        usage = get_usage(request, group=group, key=key, rate=rate, increment=count_this_one)
        reached = reached or usage["count"] >= usage["limit"]
    return reached


@require_http_methods(["GET", "POST"])
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    next_url = request.GET.get("next", "/staff/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/staff/"
    if request.method == "POST":
        if _too_many_failures(request, count_this_one=False):
            form.add_error(None, "Too many sign-in attempts. Please wait a minute and try again.")
            return render(request, "staff/sign_in.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                auth.sign_in(request, form.cleaned_data["email"], form.cleaned_data["password"])
                return redirect(next_url)
            except auth.SignInRefused as refusal:
                _too_many_failures(request, count_this_one=True)
                form.add_error(None, str(refusal))
    status = 200 if request.method == "GET" else (403 if form.non_field_errors() else 400)
    return render(request, "staff/sign_in.html", {"form": form}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auth.sign_out(request)
    messages.success(request, "You are signed out.")
    return redirect("/staff/sign-in/")


@require_safe
@auth.staff_required
def order_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("status", DEFAULT_STATUS)
    form = OrderFilterForm(params)
    filters = form.cleaned_data if form.is_valid() else {"status": DEFAULT_STATUS, "payment": "", "q": ""}
    page = orders_page(
        request.staff, status=filters["status"], payment=filters["payment"], search=filters["q"],
        after=request.GET.get("after"), before=request.GET.get("before"),
    )
    query = {key: value for key, value in filters.items() if value}
    return render(request, "staff/order_list.html", {"form": form, "page": page, "query": query})


def _order_or_404(request: HttpRequest, order_id: str):
    order = order_detail(request.staff, order_id)
    if order is None:
        raise Http404("No such order")
    return order


@require_safe
@auth.staff_required
def order_page(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/order.html", _order_context(request, _order_or_404(request, order_id)))


def _order_context(request: HttpRequest, order, **forms) -> dict:
    return {
        "order": order,
        "captured": services.captured(order),
        "fulfil_form": forms.get("fulfil_form") or FulfilForm(),
        "refund_form": forms.get("refund_form") or RefundForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }


def _act(request: HttpRequest, order_id: str, form_class, form_name: str, action, success: str) -> HttpResponse:
    """Validate the form, run the action, and answer with a message; errors stay on the page."""
    order = _order_or_404(request, order_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(form.cleaned_data)
            messages.success(request, success)
            return redirect("staff:order", order_id=order_id)
        except services.StaffActionError as error:
            form.add_error(None, str(error))
    return render(request, "staff/order.html", _order_context(request, order, **{form_name: form}), status=400)


@require_POST
@auth.staff_required
def fulfil(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, FulfilForm, "fulfil_form",
                lambda data: services.fulfil(request.staff, order_id, data["tracking_number"]),
                "Shipped. The customer was e-mailed the tracking number.")


@require_POST
@auth.staff_required
def refund(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, RefundForm, "refund_form",
                lambda data: services.refund(request.staff, order_id, data["amount"]), "Refunded.")


@require_POST
@auth.staff_required
def cancel(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, CancelForm, "cancel_form",
                lambda data: services.cancel(request.staff, order_id),
                "Canceled. The stock is back on sale, and any captured payment was refunded.")


@require_POST
@auth.staff_required
def add_note(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, NoteForm, "note_form",
                lambda data: services.add_note(request.staff, order_id, data["message"]), "Note added.")


@require_safe
@auth.staff_required
def packing_slip(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/packing_slip.html", {"order": _order_or_404(request, order_id)})
