"""The admin's view of what sells: /staff/analytics/ (7 or 30 days) and its CSV."""
import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from staff.auth import staff_required

from . import selectors


def _days(request: HttpRequest) -> int | None:
    raw = request.GET.get("days", "7")
    return int(raw) if raw.isdigit() and int(raw) in selectors.REPORT_DAYS else None


def _bad_days() -> HttpResponse:
    words = " or ".join(str(days) for days in selectors.REPORT_DAYS)
    return HttpResponse(f"The report covers {words} days; choose one of those.", status=400, content_type="text/plain")


@require_safe
@staff_required
def report(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    if days is None:
        return _bad_days()
    return render(request, "analytics/report.html", {
        "report": selectors.report(days=days), "choices": selectors.REPORT_DAYS,
        "speed": selectors.speed(), "speed_days": selectors.SPEED_DAYS,
    })


@require_safe
@staff_required
def report_csv(request: HttpRequest) -> HttpResponse:
    days = _days(request)
    if days is None:
        return _bad_days()
    found = selectors.report(days=days)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="what-sells-{found.first_day}-to-{found.last_day}.csv"'
    writer = csv.writer(response)
    writer.writerow(["page", "title", "views", "visits begun", "reached product", "added to cart",
                     "started checkout", "orders", f"revenue ({found.currency})", "orders per visit"])
    for row in found.pages:
        conversion = "" if row.conversion is None else f"{row.conversion:.4f}"
        writer.writerow([row.path, row.title, row.views, row.visits, row.product_views, row.adds,
                         row.checkouts, row.orders, f"{row.revenue:.2f}", conversion])
    return response
