from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.order_list, name="orders"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("orders/<str:order_id>/", views.order_page, name="order"),
    path("orders/<str:order_id>/fulfil/", views.fulfil, name="fulfil"),
    path("orders/<str:order_id>/refund/", views.refund, name="refund"),
    path("orders/<str:order_id>/cancel/", views.cancel, name="cancel"),
    path("orders/<str:order_id>/notes/", views.add_note, name="note"),
    path("orders/<str:order_id>/packing-slip/", views.packing_slip, name="packing-slip"),
    path("orders/<str:order_id>/capture/", views.capture, name="capture"),
    path("orders/<str:order_id>/tracking/", views.change_tracking, name="tracking"),
    path("export/", views.export, name="export"),
    path("stock/", views.stock, name="stock"),
    path("jobs/failed/", views.failed_jobs, name="failed-jobs"),
    path("jobs/<int:job_id>/retry/", views.retry_job, name="retry-job"),
]
