"""E-mails the buyer gets from the admin's actions, and the jobs that failed, as the admin sees them."""
import re
import uuid

import httpx
import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, csrf_token
from tests.checkout.test_durable_orders import wait_until
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import flash, post_action


def subjects(mailbox: Mailbox, address: str) -> list[str]:
    return [message["Subject"] for message in mailbox.to(address)]


def test_a_refund_e_mails_the_buyer_the_amount(admin: httpx.Client, place_order, mailbox: Mailbox):
    order = place_order()

    refunded = post_action(admin, order["id"], "refund", {"amount": "12.50"})

    assert flash(refunded.text) == "Refunded."
    mailbox.wait_for(order["userEmail"], count=2)
    [refund_mail] = [m for m in mailbox.exactly(order["userEmail"], 2) if m["Subject"].startswith("Refund")]
    assert refund_mail["Subject"] == f"Refund for your QL Claw order {order['number']}"
    assert "We have refunded $12.50" in text_of(refund_mail)
    assert f"/orders/{order['token']}/" in text_of(refund_mail)


def test_cancelling_a_paid_order_e_mails_the_buyer_that_it_is_cancelled_and_refunded(
    admin: httpx.Client, place_order, mailbox: Mailbox
):
    order = place_order(quantity=2)

    canceled = post_action(admin, order["id"], "cancel", {"confirm": "on"})

    assert "Canceled." in flash(canceled.text)
    messages = mailbox.exactly(order["userEmail"], 2)
    [cancel_mail] = [m for m in messages if "cancelled" in m["Subject"]]
    assert cancel_mail["Subject"] == f"Your QL Claw order {order['number']} is cancelled"
    assert "We have refunded $83.00 to the card you paid with." in text_of(cancel_mail)


def failed_mail_jobs(shop: Stack, order_token: str) -> list[tuple]:
    with psycopg.connect(shop.database_url("storefront")) as db:
        return db.execute(
            "SELECT id, attempts FROM procrastinate_jobs WHERE task_name = 'orders.tasks.send_order_email' "
            "AND status = 'failed' AND args->>'order_token' = %s", (order_token,),
        ).fetchall()


def test_an_email_job_that_gave_up_is_shown_to_the_admin_and_its_retry_sends_it(
    shop: Stack, admin: httpx.Client, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(f"gave-up-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    mailbox.refuse()
    try:
        assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
        order = staff_api.wait_for_orders(buyer.email)[0]
        # JOB_MAX_ATTEMPTS is 4 in the test stack: tries 2, 4 and 8 s apart, then it gives up.
        wait_until(lambda: failed_mail_jobs(shop, order["token"]), 60, "the e-mail job to give up")
        [(job_id, _)] = failed_mail_jobs(shop, order["token"])

        orders_page = admin.get("/staff/")
        jobs_page = admin.get("/staff/jobs/failed/")
    finally:
        mailbox.recover()
    assert mailbox.to(buyer.email) == []

    assert re.search(r'id="failed-jobs-alert"[^>]*><strong>\d+ background jobs? failed</strong>', orders_page.text)
    row = re.search(rf'<tr id="job-{job_id}">(.*?)</tr>', jobs_page.text, re.S).group(1)
    assert "E-mail the customer about their order" in row
    assert "<td>4</td>" in row  # JOB_MAX_ATTEMPTS tries, each failure recorded
    assert "ConnectionRefusedError" in row
    retried = admin.post(f"/staff/jobs/{job_id}/retry/", data={"csrfmiddlewaretoken": csrf_token(jobs_page.text)},
                         follow_redirects=True)
    assert f"Job {job_id} is queued again" in retried.text
    [mail] = mailbox.exactly(buyer.email, 1)
    assert order["number"] in mail["Subject"]
    assert f'id="job-{job_id}"' not in admin.get("/staff/jobs/failed/").text
    again = admin.post(f"/staff/jobs/{job_id}/retry/", data={"csrfmiddlewaretoken": csrf_token(jobs_page.text)},
                       follow_redirects=True)
    assert "This job is not waiting for a retry" in again.text
    mailbox.exactly(buyer.email, 1, quiet=1)


def test_retrying_a_job_that_does_not_exist_or_is_not_a_number_changes_nothing(admin: httpx.Client):
    page = admin.get("/staff/jobs/failed/")

    unknown = admin.post("/staff/jobs/999999999/retry/", data={"csrfmiddlewaretoken": csrf_token(page.text)},
                         follow_redirects=True)
    garbage = admin.post("/staff/jobs/abc/retry/", data={"csrfmiddlewaretoken": csrf_token(page.text)})

    assert unknown.status_code == 200 and "This job is not waiting for a retry" in unknown.text
    assert garbage.status_code == 404
