from django.urls import path

from .access import views as access
from .dashboard import views as dashboard
from .newsletter import views as newsletter
from .orders import views as orders
from .stock import views as stock
from .team import views as team

app_name = "staff"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/selected/", orders.bulk, name="bulk"),
    path("orders/selected/ship/", orders.bulk_ship, name="bulk-ship"),
    path("orders/ship-from-csv/", orders.bulk_ship_csv, name="bulk-ship-csv"),
    path("sign-in/", access.sign_in, name="sign-in"),
    path("sign-in/code/", access.code, name="second-factor"),
    path("sign-in/enrol/", access.enrol, name="enrol"),
    path("sign-out/", access.sign_out, name="sign-out"),
    path("set-password/", team.set_password, name="set-password"),
    path("team/", team.team, name="team"),
    path("team/invite/", team.invite, name="invite"),
    path("team/deactivate/", team.deactivate, name="deactivate"),
    path("team/second-factor/reset/", team.reset, name="reset-second-factor"),
    path("orders/<str:order_id>/", orders.order_page, name="order"),
    path("orders/<str:order_id>/fulfil/", orders.fulfil, name="fulfil"),
    path("orders/<str:order_id>/refund/", orders.refund, name="refund"),
    path("orders/<str:order_id>/cancel/", orders.cancel, name="cancel"),
    path("orders/<str:order_id>/return/", orders.return_items, name="return"),
    path("orders/<str:order_id>/notes/", orders.add_note, name="note"),
    path("orders/<str:order_id>/packing-slip/", orders.packing_slip, name="packing-slip"),
    path("orders/<str:order_id>/capture/", orders.capture, name="capture"),
    path("orders/<str:order_id>/tracking/", orders.change_tracking, name="tracking"),
    path("customers/", orders.customers, name="customers"),
    path("customers/<path:email>/", orders.customer, name="customer"),
    path("export/", orders.export, name="export"),
    path("newsletter/", newsletter.issues, name="issues"),
    path("newsletter/new/", newsletter.new_issue, name="new-issue"),
    path("newsletter/<int:issue_id>/", newsletter.issue, name="issue"),
    path("newsletter/<int:issue_id>/test/", newsletter.send_test, name="test-issue"),
    path("newsletter/<int:issue_id>/send/", newsletter.send, name="send-issue"),
    path("stock/", stock.stock, name="stock"),
    path("jobs/failed/", dashboard.failed_jobs, name="failed-jobs"),
    path("jobs/<int:job_id>/retry/", dashboard.retry_job, name="retry-job"),
]
