import csv

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import get_usage

from core.addresses import address_fields, address_lines
from jobs import selectors as job_selectors
from jobs import services as job_services

from . import auth, services
from .forms import (
    CancelForm, ExportForm, FulfilForm, NoteForm, OrderFilterForm, RefundForm, SignInForm, StockForm, TrackingForm,
)
from .selectors import DEFAULT_STATUS, export_rows, order_detail, orders_page, stock_level


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
    return render(request, "staff/order_list.html", {
        "form": form, "page": page, "query": query, "failed_jobs": job_selectors.failed_job_count(),
    })


@require_safe
@auth.staff_required
def failed_jobs(request: HttpRequest) -> HttpResponse:
    """Background jobs that gave up (an e-mail not sent, a payment not captured), and why."""
    return render(request, "staff/failed_jobs.html", {"jobs": job_selectors.failed_jobs()})


@require_POST
@auth.staff_required
def retry_job(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        job_services.retry_failed_job(job_id)
        messages.success(request, f"Job {job_id} is queued again; it runs within a few seconds.")
    except job_services.JobNotRetryable as error:
        messages.error(request, str(error))
    return redirect("staff:failed-jobs")


def _order_or_404(request: HttpRequest, order_id: str):
    order = order_detail(request.staff, order_id)
    if order is None:
        raise Http404("No such order")
    return order


@require_safe
@auth.staff_required
def order_page(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/order.html", _order_context(request, _order_or_404(request, order_id)))


def _order_context(request: HttpRequest, order, **bound_forms) -> dict:
    return {
        "order": order,
        "shipping_address": address_lines(address_fields(order.shipping_address)),
        "captured": services.captured(order),
        "fulfil_form": bound_forms.get("fulfil_form") or FulfilForm(order=order),
        "refund_form": bound_forms.get("refund_form") or RefundForm(),
        "note_form": bound_forms.get("note_form") or NoteForm(),
        "cancel_form": bound_forms.get("cancel_form") or CancelForm(),
        "tracking_form": bound_forms.get("tracking_form") or TrackingForm(),
        "capture_form": bound_forms.get("capture_form"),
    }


def _act(request: HttpRequest, order_id: str, form_class, form_name: str, action, success: str) -> HttpResponse:
    """Validate the form, run the action, and answer with a message; errors stay on the page."""
    order = _order_or_404(request, order_id)
    form = form_class(request.POST, order=order) if form_class is FulfilForm else form_class(request.POST)
    if form.is_valid():
        try:
            action(form)
            messages.success(request, success)
            return redirect("staff:order", order_id=order_id)
        except services.StaffActionError as error:
            form.add_error(None, str(error))
    return render(request, "staff/order.html", _order_context(request, order, **{form_name: form}), status=400)


@require_POST
@auth.staff_required
def fulfil(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, FulfilForm, "fulfil_form",
                lambda form: services.fulfil(request.staff, order_id, form.cleaned_data["tracking_number"], form.quantities()),
                "Shipped. The customer was e-mailed the tracking number.")


@require_POST
@auth.staff_required
def refund(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, RefundForm, "refund_form",
                lambda form: services.refund(request.staff, order_id, form.cleaned_data["amount"]), "Refunded.")


@require_POST
@auth.staff_required
def cancel(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, CancelForm, "cancel_form",
                lambda form: services.cancel(request.staff, order_id),
                "Canceled. The stock is back on sale, and any captured payment was refunded.")


@require_POST
@auth.staff_required
def add_note(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, NoteForm, "note_form",
                lambda form: services.add_note(request.staff, order_id, form.cleaned_data["message"]), "Note added.")


@require_safe
@auth.staff_required
def packing_slip(request: HttpRequest, order_id: str) -> HttpResponse:
    order = _order_or_404(request, order_id)
    shipping_address = address_lines(address_fields(order.shipping_address))
    return render(request, "staff/packing_slip.html", {"order": order, "shipping_address": shipping_address})


@require_POST
@auth.staff_required
def capture(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, forms.Form, "capture_form",
                lambda form: services.capture(request.staff, order_id), "Payment captured.")


@require_POST
@auth.staff_required
def change_tracking(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, TrackingForm, "tracking_form",
                lambda form: services.change_tracking(
                    request.staff, order_id, form.cleaned_data["fulfillment_id"], form.cleaned_data["tracking_number"]
                ),
                "Tracking number changed.")


@require_safe
@auth.staff_required
def export(request: HttpRequest) -> HttpResponse:
    """Orders placed in a date range, as CSV (streamed: any number of orders)."""
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "staff/export.html", {"form": form}, status=400 if request.GET else 200)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    buffer = _Echo()
    writer = csv.writer(buffer)
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in export_rows(request.staff, start, end)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="orders-{start}-{end}.csv"'
    return response


class _Echo:
    """csv.writer's file: hands each formatted row straight to the response."""

    def write(self, value: str) -> str:
        return value


@require_http_methods(["GET", "POST"])
@auth.staff_required
def stock(request: HttpRequest) -> HttpResponse:
    slug = settings.FEATURED_PRODUCT_SLUG
    level = stock_level(request.staff, slug)
    if level is None:
        raise Http404("No product")
    form = StockForm(request.POST or None, initial={"quantity": level.quantity, "price": level.price.amount if level.price else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_stock_and_price(request.staff, slug, **form.cleaned_data)
            messages.success(request, "Stock and price saved.")
            return redirect("staff:stock")
        except services.StaffActionError as error:
            form.add_error(None, str(error))
    return render(request, "staff/stock.html", {"level": level, "form": form}, status=400 if form.errors else 200)
