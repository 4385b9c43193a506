"""Job log lines name the job, never its arguments (an order token opens the buyer's order page)."""
import json
import logging

from procrastinate.jobs import Job
from pythonjsonlogger.json import JsonFormatter

from core.logs import HideJobArguments

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
