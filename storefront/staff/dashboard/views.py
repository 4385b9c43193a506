"""The dashboard (today's work, stock, sales) and the jobs that gave up."""
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from analytics.selectors import dashboard_tile as analytics_tile
from checkout import selectors as checkout_selectors
from jobs import selectors as job_selectors
from jobs import services as job_services

from .. import auth
from ..stock.selectors import LOW_STOCK
from . import tiles


@require_safe
@auth.staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/dashboard.html", {
        "board": tiles.dashboard(request.staff), "time_zone": settings.SHOP_TIME_ZONE, "low_stock": LOW_STOCK,
        "what_sells": analytics_tile(),
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

