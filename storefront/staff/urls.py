from django.urls import path

from . import newsletter_views, second_factor_views, views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("orders/", views.order_list, name="orders"),
    path("orders/selected/", views.bulk, name="bulk"),
    path("orders/selected/ship/", views.bulk_ship, name="bulk-ship"),
    path("orders/ship-from-csv/", views.bulk_ship_csv, name="bulk-ship-csv"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", second_factor_views.code, name="second-factor"),
    path("sign-in/enrol/", second_factor_views.enrol, name="enrol"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("set-password/", views.set_password, name="set-password"),
    path("team/", views.team, name="team"),
    path("team/invite/", views.invite, name="invite"),
    path("team/deactivate/", views.deactivate, name="deactivate"),
    path("team/second-factor/reset/", second_factor_views.reset, name="reset-second-factor"),
    path("orders/<str:order_id>/", views.order_page, name="order"),
    path("orders/<str:order_id>/fulfil/", views.fulfil, name="fulfil"),
    path("orders/<str:order_id>/refund/", views.refund, name="refund"),
    path("orders/<str:order_id>/cancel/", views.cancel, name="cancel"),
    path("orders/<str:order_id>/return/", views.return_items, name="return"),
    path("orders/<str:order_id>/notes/", views.add_note, name="note"),
    path("orders/<str:order_id>/packing-slip/", views.packing_slip, name="packing-slip"),
    path("orders/<str:order_id>/capture/", views.capture, name="capture"),
    path("orders/<str:order_id>/tracking/", views.change_tracking, name="tracking"),
    path("customers/", views.customers, name="customers"),
    path("customers/<path:email>/", views.customer, name="customer"),
    path("export/", views.export, name="export"),
    path("newsletter/", newsletter_views.issues, name="issues"),
    path("newsletter/new/", newsletter_views.new_issue, name="new-issue"),
    path("newsletter/<int:issue_id>/", newsletter_views.issue, name="issue"),
    path("newsletter/<int:issue_id>/test/", newsletter_views.send_test, name="test-issue"),
    path("newsletter/<int:issue_id>/send/", newsletter_views.send, name="send-issue"),
    path("stock/", views.stock, name="stock"),
    path("jobs/failed/", views.failed_jobs, name="failed-jobs"),
    path("jobs/<int:job_id>/retry/", views.retry_job, name="retry-job"),
]
