"""The orders room: the list and search, one order's page and its actions, bulk shipping,
packing slips, CSV export and customers."""
from typing import Any, Callable, Optional, Sequence, Union

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jobs import selectors as job_selectors
from shipping.carriers import carrier_choices

from .. import auth
from ..errors import StaffActionError
from . import customers as customers_module
from . import export as export_module
from . import search, services
from .forms import (
    BulkShipForm,
    CancelForm,
    CustomerSearchForm,
    ExportForm,
    FulfilForm,
    NoteForm,
    OrderFilterForm,
    RefundForm,
    ReturnForm,
    ShipmentsCsvForm,
    TrackingForm,
)
from .selectors import DEFAULT_STATUS, StaffOrder, order_detail, order_id_for_number, orders_page, selected_orders


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
    also_found = search.also_found(request.staff, filters["q"], listed=listed) if filters["q"] else []
    return render(request, "staff/order_list.html", {
        "form": form, "page": page, "query": query, "failed_jobs": job_selectors.failed_job_count(),
        "also_found": also_found,
    })


def _order_or_404(request: HttpRequest, order_id: str) -> StaffOrder:
    order = order_detail(request.staff, order_id)
    if order is None:
        raise Http404("No such order")
    return order


@require_safe
@auth.staff_required
def order_page(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/order.html", _order_context(request, _order_or_404(request, order_id)))


def _order_context(request: HttpRequest, order: StaffOrder, **bound_forms: forms.Form) -> dict[str, Any]:
    returned = services.returned_quantities(order.id)
    return_form = bound_forms.get("return_form") or ReturnForm(order=order, returned=returned)
    return {
        "order": order,
        "lines": [(line, returned.get(line.id, 0)) for line in order.lines],
        "return_form": return_form if return_form.has_lines or return_form.errors else None,
        "fulfil_form": bound_forms.get("fulfil_form") or FulfilForm(order=order),
        "refund_form": bound_forms.get("refund_form") or RefundForm(initial={"captured_seen": order.captured.amount}),
        "note_form": bound_forms.get("note_form") or NoteForm(),
        "cancel_form": bound_forms.get("cancel_form") or CancelForm(),
        "tracking_form": bound_forms.get("tracking_form") or TrackingForm(),
        "capture_form": bound_forms.get("capture_form"),
        "carrier_choices": carrier_choices(),
    }


def _act(request: HttpRequest, order_id: str, form: forms.Form, form_name: str, action: Callable[[dict[str, Any]], Any],
         success: Union[str, Callable[[Any], str]],
         *, order: Optional[StaffOrder] = None) -> HttpResponse:
    """Run the action on a valid form and answer with a message; a refusal stays on the order's
    page with the form's errors. The order is read here only for that page (or given, when the
    form itself needed it), so a successful action reads it once, inside its service."""
    if form.is_valid():
        try:
            outcome = action(form.cleaned_data)
            messages.success(request, success(outcome) if callable(success) else success)
            return redirect("staff:order", order_id=order_id)
        except StaffActionError as error:
            form.add_error(None, str(error))
    order = order or _order_or_404(request, order_id)
    return render(request, "staff/order.html", _order_context(request, order, **{form_name: form}), status=400)


@require_POST
@auth.staff_required
def fulfil(request: HttpRequest, order_id: str) -> HttpResponse:
    order = _order_or_404(request, order_id)
    form = FulfilForm(request.POST, order=order)
    return _act(request, order_id, form, "fulfil_form",
                lambda data: services.fulfil(staff=request.staff, order=order, carrier=data["carrier"],
                                             tracking_number=data["tracking_number"], quantities=form.quantities()),
                lambda carrier: ("Shipped. The customer was e-mailed the tracking number." if carrier.tracked
                                 else "Shipped by letter mail. The customer was e-mailed."), order=order)


@require_POST
@auth.staff_required
def refund(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, RefundForm(request.POST), "refund_form",
                lambda data: services.refund(staff=request.staff, order_id=order_id, amount=data["amount"],
                                             captured_seen=data["captured_seen"]), "Refunded.")


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
                staff=request.staff, order=order, quantities=form.quantities(), restock=data["restock"],
                reason=data["reason"], refund_shipping=data["refund_shipping"], message_to_buyer=data["message_to_buyer"],
            )
        except StaffActionError as error:
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
    return _act(request, order_id, CancelForm(request.POST), "cancel_form",
                lambda data: services.cancel(staff=request.staff, order_id=order_id),
                "Canceled. The stock is back on sale, and any captured payment was refunded.")


@require_POST
@auth.staff_required
def add_note(request: HttpRequest, order_id: str) -> HttpResponse:
    order = _order_or_404(request, order_id)
    return _act(request, order_id, NoteForm(request.POST), "note_form",
                lambda data: services.add_note(staff=request.staff, order=order, message=data["message"]),
                "Note added.", order=order)


@require_safe
@auth.staff_required
def packing_slip(request: HttpRequest, order_id: str) -> HttpResponse:
    return render(request, "staff/packing_slip.html", {"order": _order_or_404(request, order_id)})


@require_POST
@auth.staff_required
def capture(request: HttpRequest, order_id: str) -> HttpResponse:
    return _act(request, order_id, forms.Form(request.POST), "capture_form",
                lambda data: services.capture(staff=request.staff, order_id=order_id), "Payment captured.")


@require_POST
@auth.staff_required
def change_tracking(request: HttpRequest, order_id: str) -> HttpResponse:
    order = _order_or_404(request, order_id)
    return _act(request, order_id, TrackingForm(request.POST), "tracking_form",
                lambda data: services.change_tracking(
                    staff=request.staff, order=order, fulfillment_id=data["fulfillment_id"],
                    carrier=data["carrier"], tracking_number=data["tracking_number"],
                ),
                "Tracking number changed.", order=order)


@require_safe
@auth.staff_required
def export(request: HttpRequest) -> HttpResponse:
    """Orders placed in a date range (this month by default), as CSV: one row per order or per
    line (streamed: any number of orders)."""
    form = ExportForm(request.GET or None, initial=ExportForm.this_month())
    if not form.is_valid():
        return render(request, "staff/export.html", {"form": form}, status=400 if request.GET else 200)
    start, end, kind = form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["kind"]
    orders = export_module.orders_placed(request.staff, start, end)
    if kind == "tax":
        rows = export_module.tax_rows(orders, start, end)
    else:
        rows = export_module.line_rows(orders) if kind == "lines" else export_module.order_rows(orders)
    return export_module.csv_response(rows, f"{kind}-{start}-{end}.csv")


@require_safe
@auth.staff_required
def customers(request: HttpRequest) -> HttpResponse:
    form = CustomerSearchForm(request.GET or None)
    result = customers_module.find_customers(request.staff, form.cleaned_data["q"]) if form.is_valid() else None
    status = 400 if request.GET and form.errors else 200
    return render(request, "staff/customers.html", {"form": form, "result": result}, status=status)


@require_safe
@auth.staff_required
def customer(request: HttpRequest, email: str) -> HttpResponse:
    found = customers_module.customer(request.staff, email)
    if found is None:
        raise Http404("No orders with this e-mail address")
    return render(request, "staff/customer.html", {"customer": found})


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
    return export_module.csv_response(export_module.order_rows(orders), "selected-orders.csv")


def _bulk_ship_context(orders: Sequence[StaffOrder], form: Optional[BulkShipForm] = None,
                       csv_form: Optional[ShipmentsCsvForm] = None, problems: Sequence[str] = ()) -> dict[str, Any]:
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


def _ship_rows(request: HttpRequest, rows: list[tuple[str, str, str]],
               context_on_refusal: Callable[[list[str]], dict[str, Any]]) -> HttpResponse:
    try:
        plans = services.plan_shipments(staff=request.staff, rows=rows)
    except services.BulkShippingRefused as refused:
        return render(request, "staff/bulk_ship.html", context_on_refusal(refused.problems), status=400)
    outcome = services.ship_all(staff=request.staff, plans=plans)
    if outcome.shipped:
        numbers = ", ".join(f"#{number}" for number in outcome.shipped)
        messages.success(request, f"Shipped {len(outcome.shipped)} order{'s' if len(outcome.shipped) != 1 else ''}: "
                                  f"{numbers}. Each customer was e-mailed.")
    for failure in outcome.failed:
        messages.error(request, f"Not shipped: {failure}")
    return redirect("staff:orders")

