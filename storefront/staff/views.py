from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from checkout import selectors as checkout_selectors
from jobs import selectors as job_selectors
from jobs import services as job_services
from shipping.carriers import carrier_choices

from . import auth, services
from . import customers as staff_customers
from . import dashboard as staff_dashboard
from . import export as staff_export
from . import search as staff_search
from . import team as staff_team
from .forms import (
    BulkShipForm,
    CancelForm,
    CustomerSearchForm,
    DeactivateForm,
    ExportForm,
    FulfilForm,
    InviteForm,
    NoteForm,
    OrderFilterForm,
    RefundForm,
    ReturnForm,
    SetPasswordForm,
    ShipmentsCsvForm,
    SignInForm,
    StockForm,
    TrackingForm,
)
from .selectors import (
    DEFAULT_STATUS,
    LOW_STOCK,
    StaffOrder,
    order_detail,
    order_id_for_number,
    orders_page,
    selected_orders,
    stock_level,
)


@require_http_methods(["GET", "POST"])
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    next_url = request.GET.get("next", reverse("staff:dashboard"))
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("staff:dashboard")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                auth.sign_in(request, form.cleaned_data["email"], form.cleaned_data["password"])
                return redirect(next_url)
            except auth.SignInThrottled as refusal:
                form.add_error(None, str(refusal))
                status = 429
            except auth.SignInRefused as refusal:
                form.add_error(None, str(refusal))
                status = 403
    return render(request, "staff/sign_in.html", {"form": form}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auth.sign_out(request)
    messages.success(request, "You are signed out.")
    return redirect("staff:sign-in")


@require_safe
@auth.staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/dashboard.html", {
        "board": staff_dashboard.dashboard(request.staff), "time_zone": settings.SHOP_TIME_ZONE, "low_stock": LOW_STOCK,
    })


@require_safe
@auth.staff_required
def order_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    params.setdefault("status", DEFAULT_STATUS)
    form = OrderFilterForm(params)
    filters = form.cleaned_data if form.is_valid() else {"status": DEFAULT_STATUS, "payment": "", "q": ""}
    numbered = order_id_for_number(filters["q"])
    if numbered and order_detail(request.staff, numbered) is not None:
        return redirect("staff:order", order_id=numbered)
    page = orders_page(
        request.staff, status=filters["status"], payment=filters["payment"], search=filters["q"],
        after=request.GET.get("after"), before=request.GET.get("before"),
    )
    # "status" always: an empty one means "all orders", and dropping it would page back into the default filter.
    query = {key: value for key, value in filters.items() if value or key == "status"}
    listed = {row.id for row in page.rows}
    also_found = [order.as_row() for order in selected_orders(
        request.staff, [order_id for order_id in staff_search.matching_order_ids(request.staff, filters["q"])
                        if order_id not in listed])] if filters["q"] else []
    return render(request, "staff/order_list.html", {
        "form": form, "page": page, "query": query, "failed_jobs": job_selectors.failed_job_count(),
        "also_found": also_found,
    })


@require_safe
@auth.staff_required
def failed_jobs(request: HttpRequest) -> HttpResponse:
    """Background jobs that gave up (an e-mail not sent, a payment not captured), and why."""
    return render(request, "staff/failed_jobs.html", {
        "jobs": job_selectors.failed_jobs(), "released_holds": checkout_selectors.released_holds(),
    })


@require_POST
@auth.staff_required
def retry_job(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        job_services.retry_failed_job(job_id)
        messages.success(request, f"Job {job_id} is queued again; it runs within a few seconds.")
    except job_services.JobNotRetryable as error:
        messages.error(request, str(error))
    return redirect("staff:failed-jobs")


def _order_or_404(request: HttpRequest, order_id: str) -> StaffOrder:
    order = order_detail(request.staff, order_id)
    if order is None:
        raise Http404("No such order")
    return order


@require_safe
@auth.staff_required
def order_page(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/order.html", _order_context(request, _order_or_404(request, order_id)))


def _order_context(request: HttpRequest, order: StaffOrder, **bound_forms) -> dict:
    returned = services.returned_quantities(order.id)
    return_form = bound_forms.get("return_form") or ReturnForm(order=order, returned=returned)
    return {
        "order": order,
        "lines": [(line, returned.get(line.id, 0)) for line in order.lines],
        "return_form": return_form if return_form.has_lines or return_form.errors else None,
        "fulfil_form": bound_forms.get("fulfil_form") or FulfilForm(order=order),
        "refund_form": bound_forms.get("refund_form") or RefundForm(),
        "note_form": bound_forms.get("note_form") or NoteForm(),
        "cancel_form": bound_forms.get("cancel_form") or CancelForm(),
        "tracking_form": bound_forms.get("tracking_form") or TrackingForm(),
        "capture_form": bound_forms.get("capture_form"),
        "carrier_choices": carrier_choices(),
    }


def _act(request: HttpRequest, order_id: str, form_class, form_name: str, action, success: str) -> HttpResponse:
    """Validate the form, run the action, and answer with a message; errors stay on the page."""
    order = _order_or_404(request, order_id)
    if form_class is FulfilForm:
        form = form_class(request.POST, order=order)
    else:
        form = form_class(request.POST)
    if form.is_valid():
        try:
            outcome = action(form)
            messages.success(request, success(outcome) if callable(success) else success)
            return redirect("staff:order", order_id=order_id)
        except services.StaffActionError as error:
            form.add_error(None, str(error))
    return render(request, "staff/order.html", _order_context(request, order, **{form_name: form}), status=400)


@require_POST
@auth.staff_required
def fulfil(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, FulfilForm, "fulfil_form",
                lambda form: services.fulfil(request.staff, order_id, carrier=form.cleaned_data["carrier"],
                                             tracking_number=form.cleaned_data["tracking_number"], quantities=form.quantities()),
                lambda carrier: ("Shipped. The customer was e-mailed the tracking number." if carrier.tracked
                                 else "Shipped by letter mail. The customer was e-mailed."))


@require_POST
@auth.staff_required
def refund(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, RefundForm, "refund_form",
                lambda form: services.refund(request.staff, order_id, form.cleaned_data["amount"]), "Refunded.")


@require_POST
@auth.staff_required
def return_items(request: HttpRequest, order_id: str) -> HttpResponse:
    """First the refund's breakdown to confirm, then (with `confirmed`) the refund itself."""
    order = _order_or_404(request, order_id)
    form = ReturnForm(request.POST, order=order, returned=services.returned_quantities(order_id))
    if form.is_valid():
        data = form.cleaned_data
        try:
            if not data["confirmed"]:
                breakdown = services.preview_return(order, form.quantities(), refund_shipping=data["refund_shipping"])
                return render(request, "staff/return_confirm.html", {"order": order, "form": form, "breakdown": breakdown})
            breakdown, warnings = services.return_lines(
                request.staff, order_id, form.quantities(), restock=data["restock"], reason=data["reason"],
                refund_shipping=data["refund_shipping"], message_to_buyer=data["message_to_buyer"],
            )
        except services.StaffActionError as error:
            form.add_error(None, str(error))
        else:
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, f"Refunded {breakdown.amount} for the returned items. The customer was e-mailed.")
            return redirect("staff:order", order_id=order_id)
    return render(request, "staff/order.html", _order_context(request, order, return_form=form), status=400)


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
    return render(request, "staff/packing_slip.html", {"order": _order_or_404(request, order_id)})


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
                    request.staff, order_id, fulfillment_id=form.cleaned_data["fulfillment_id"],
                    carrier=form.cleaned_data["carrier"], tracking_number=form.cleaned_data["tracking_number"],
                ),
                "Tracking number changed.")


@require_safe
@auth.staff_required
def export(request: HttpRequest) -> HttpResponse:
    """Orders placed in a date range (this month by default), as CSV: one row per order or per
    line (streamed: any number of orders)."""
    form = ExportForm(request.GET or None, initial=ExportForm.this_month())
    if not form.is_valid():
        return render(request, "staff/export.html", {"form": form}, status=400 if request.GET else 200)
    start, end, kind = form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["kind"]
    orders = staff_export.orders_placed(request.staff, start, end)
    rows = staff_export.line_rows(orders) if kind == "lines" else staff_export.order_rows(orders)
    return staff_export.csv_response(rows, f"{kind}-{start}-{end}.csv")




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


@require_safe
@auth.staff_required
def customers(request: HttpRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET or None)
    result = staff_customers.find_customers(request.staff, form.cleaned_data["q"]) if form.is_valid() else None
    status = 400 if request.GET and form.errors else 200
    return render(request, "staff/customers.html", {"form": form, "result": result}, status=status)


@require_safe
@auth.staff_required
def customer(request: HttpRequest, email: str) -> HttpResponse:
    found = staff_customers.customer(request.staff, email)
    if found is None:
        raise Http404("No orders with this e-mail address")
    return render(request, "staff/customer.html", {"customer": found})


def _team_page(request: HttpRequest, team: staff_team.Team, *, invite_form=None, status: int = 200) -> HttpResponse:
    return render(request, "staff/team.html", {
        "team": team, "invite_form": invite_form or InviteForm(groups=team.groups),
    }, status=status)


@require_safe
@auth.staff_required
@auth.permission_required(staff_team.MANAGE_STAFF)
def team(request: HttpRequest) -> HttpResponse:
    return _team_page(request, staff_team.team(request.staff))


@require_POST
@auth.staff_required
@auth.permission_required(staff_team.MANAGE_STAFF)
def invite(request: HttpRequest) -> HttpResponse:
    current = staff_team.team(request.staff)
    form = InviteForm(request.POST, groups=current.groups)
    if form.is_valid():
        try:
            email = staff_team.invite(request.staff, email=form.cleaned_data["email"], first_name=form.cleaned_data["first_name"],
                                      last_name=form.cleaned_data["last_name"], group_id=form.cleaned_data["group"])
            messages.success(request, f"Invited {email}: they were e-mailed a link to choose their password.")
            return redirect("staff:team")
        except staff_team.TeamError as error:
            form.add_error(None, str(error))
    return _team_page(request, current, invite_form=form, status=400)


@require_POST
@auth.staff_required
@auth.permission_required(staff_team.MANAGE_STAFF)
def deactivate(request: HttpRequest) -> HttpResponse:
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whom to deactivate.")
    else:
        try:
            email = staff_team.deactivate(request.staff, form.cleaned_data["member_id"])
            messages.success(request, f"{email} is deactivated: they can no longer sign in.")
        except staff_team.TeamError as error:
            messages.error(request, str(error))
    return redirect("staff:team")


@require_http_methods(["GET", "POST"])
@never_cache
def set_password(request: HttpRequest) -> HttpResponse:
    """Where Saleor's invitation e-mail leads: the new staff member chooses a password."""
    form = SetPasswordForm(request.POST or None, initial={
        "email": request.GET.get("email", ""), "token": request.GET.get("token", ""),
    })
    if request.method == "POST" and form.is_valid():
        try:
            staff_team.set_password(email=form.cleaned_data["email"], token=form.cleaned_data["token"],
                                    password=form.cleaned_data["password"])
            messages.success(request, "Your password is set. Sign in with your e-mail address and it.")
            return redirect("staff:sign-in")
        except staff_team.TeamError as error:
            form.add_error(None, str(error))
    email = form.data.get("email") if form.is_bound else form.initial["email"]
    return render(request, "staff/set_password.html", {"form": form, "email": email},
                  status=400 if form.errors else 200)


def _selection(request: HttpRequest) -> tuple[StaffOrder, ...]:
    # Ids as Saleor wrote them on the list; anything longer is not one of them.
    return selected_orders(request.staff, [value for value in request.GET.getlist("order") if len(value) <= 100])


@require_safe
@auth.staff_required
def bulk(request: HttpRequest) -> HttpResponse:
    """The orders ticked on the list: ship them, print their packing slips, or export them."""
    orders, action = _selection(request), request.GET.get("do", "")
    if action == "ship":  # with no order ticked: the CSV upload alone
        return render(request, "staff/bulk_ship.html", _bulk_ship_context(orders))
    if action not in ("slips", "export"):
        return render(request, "staff/bulk_ship.html", {"unknown_action": True, **_bulk_ship_context(())}, status=400)
    if not orders:
        messages.error(request, "Tick one or more orders first, then choose what to do with them.")
        return redirect("staff:orders")
    if action == "slips":
        return render(request, "staff/packing_slips.html", {"orders": orders})
    return staff_export.csv_response(staff_export.order_rows(orders), "selected-orders.csv")


def _bulk_ship_context(orders, form=None, csv_form=None, problems=()) -> dict:
    to_ship = tuple(order for order in orders if order.left_to_ship and not order.is_canceled)
    return {
        "orders": to_ship, "skipped": tuple(order for order in orders if order not in to_ship),
        "form": form or BulkShipForm(orders=to_ship), "csv_form": csv_form or ShipmentsCsvForm(), "problems": problems,
    }


@require_POST
@auth.staff_required
def bulk_ship(request: HttpRequest) -> HttpResponse:
    """Ship the selected orders, each with its carrier and tracking number."""
    orders = selected_orders(request.staff, [value for value in request.POST.getlist("order") if len(value) <= 100])
    form = BulkShipForm(request.POST, orders=orders)
    if not form.is_valid():
        return render(request, "staff/bulk_ship.html", _bulk_ship_context(orders, form=form), status=400)
    return _ship_rows(request, form.rows(), lambda problems: _bulk_ship_context(orders, form=form, problems=problems))


@require_POST
@auth.staff_required
def bulk_ship_csv(request: HttpRequest) -> HttpResponse:
    """Ship the orders of an uploaded CSV (order, carrier, tracking number): all or none."""
    csv_form = ShipmentsCsvForm(request.POST, request.FILES)
    if not csv_form.is_valid():
        return render(request, "staff/bulk_ship.html", _bulk_ship_context((), csv_form=csv_form), status=400)
    return _ship_rows(request, csv_form.cleaned_data["file"],
                      lambda problems: _bulk_ship_context((), csv_form=csv_form, problems=problems))


def _ship_rows(request: HttpRequest, rows, context_on_refusal) -> HttpResponse:
    try:
        plans = services.plan_shipments(request.staff, rows)
    except services.BulkShippingRefused as refused:
        return render(request, "staff/bulk_ship.html", context_on_refusal(refused.problems), status=400)
    outcome = services.ship_all(request.staff, plans)
    if outcome.shipped:
        numbers = ", ".join(f"#{number}" for number in outcome.shipped)
        messages.success(request, f"Shipped {len(outcome.shipped)} order{'s' if len(outcome.shipped) != 1 else ''}: "
                                  f"{numbers}. Each customer was e-mailed.")
    for failure in outcome.failed:
        messages.error(request, f"Not shipped: {failure}")
    return redirect("staff:orders")
