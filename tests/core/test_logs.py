"""Job log lines name the job, never its arguments (an order token opens the buyer's order page),
and neither logs nor Sentry's events carry a buyer's link."""
import json
import logging

import sentry_sdk
import sentry_sdk.transport
from procrastinate.jobs import Job
from pythonjsonlogger.json import JsonFormatter

from core.logs import HideJobArguments, RedactSecretPaths, redact, scrub_sentry_event

TOKEN = "34e56afc-e9ab-489a-9702-002b057f8f91"


def formatted(record: logging.LogRecord) -> str:
    assert HideJobArguments().filter(record)
    return JsonFormatter("%(levelname)s %(message)s").format(record)


def job() -> Job:
    return Job(id=7, queue="default", lock=None, queueing_lock=None, task_name="orders.tasks.send_order_email",
               task_kwargs={"order_token": TOKEN, "kind": "confirmation"})


def test_a_finished_job_is_logged_by_name_id_and_outcome():
    context = job().log_context()
    record = logging.LogRecord("procrastinate.worker", logging.INFO, __file__, 1,
                               "Job %s ended with status: %s", (context["call_string"], "Success"), None)
    record.job = context

    line = json.loads(formatted(record))

    assert line["message"] == "Job orders.tasks.send_order_email[7] ended with status: Success"
    assert line["job"]["task_name"] == "orders.tasks.send_order_email" and line["job"]["id"] == 7
    assert TOKEN not in json.dumps(line)


def test_deferred_jobs_are_logged_without_their_arguments():
    record = logging.LogRecord("procrastinate.jobs", logging.INFO, __file__, 1, "Deferred 1 job", (), None)
    record.jobs = [job().log_context()]

    line = formatted(record)

    assert TOKEN not in line and "orders.tasks.send_order_email" in line


def test_other_records_pass_untouched():
    record = logging.LogRecord("storefront.requests", logging.INFO, __file__, 1, "GET %s 200", ("/cart/",), None)

    assert HideJobArguments().filter(record) and record.getMessage() == "GET /cart/ 200"


def test_a_buyers_link_in_djangos_own_log_line_keeps_only_its_shape():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Service Unavailable: %s",
                               (f"/orders/{TOKEN}/",), None)
    record.request = object()

    assert RedactSecretPaths().filter(record)
    assert record.getMessage() == "Service Unavailable: /orders/REDACTED/"
    assert record.request is None
    assert redact("/staff/orders/42/") == "/staff/orders/42/" and redact("/orders/find/") == "/orders/find/"


class Captured(sentry_sdk.transport.Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope):
        self.events += [item.payload.json for item in envelope.items if item.type == "event"]


def test_sentry_gets_neither_job_arguments_nor_buyers_links():
    transport = Captured()
    sentry_sdk.init(dsn="https://key@sentry.invalid/1", transport=transport, before_send=scrub_sentry_event,
                    include_local_variables=False, default_integrations=True)
    worker_log = logging.getLogger("procrastinate.worker.worker.test")
    worker_log.addFilter(HideJobArguments())  # as settings.LOGGING puts it on the logger
    context = job().log_context()
    try:
        worker_log.error("Job %s ended with status: %s", context["call_string"], "Failed", extra={"job": context})
        with sentry_sdk.new_scope() as scope:
            scope.set_context("request", {})
            sentry_sdk.capture_event({"message": "Service Unavailable", "request": {
                "url": f"https://shop.example.com/orders/{TOKEN}/", "query_string": "token=secret",
                "data": {"email": "buyer@example.com"}, "headers": {"Cookie": "sessionid=x", "Accept": "text/html"}}})
        sentry_sdk.flush()
    finally:
        sentry_sdk.get_client().close()
        worker_log.filters.clear()

    assert len(transport.events) == 2
    sent = json.dumps(transport.events)
    assert TOKEN not in sent and "buyer@example.com" not in sent and "token=secret" not in sent and "sessionid" not in sent
    assert "orders.tasks.send_order_email[7]" in sent and "/orders/REDACTED/" in sent
