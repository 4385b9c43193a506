from django.urls import path

from . import views

app_name = "scriptguard"
urlpatterns = [
    # Named in every page's CSP (settings.CSP_REPORT_PATH).
    path("csp-reports/", views.csp_report, name="csp-report"),
]
