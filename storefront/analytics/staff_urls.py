from django.urls import path

from . import staff_views

app_name = "analytics-staff"

urlpatterns = [
    path("", staff_views.report, name="report"),
    path("report.csv", staff_views.report_csv, name="csv"),
]
