"""The work slots go to a waiting form post before a waiting page view (core/admission.py
WorkSlots): when the shop is full, a buyer's Pay is not refused because newcomers crowd the
checkout's door. Forced with one slot held, a page view waiting first and a post after it. A
checkout step's post (not Pay) also waits longer for its slot (CHECKOUT_POST_DEADLINE_SECONDS)."""
from __future__ import annotations

from deploy.runner.stack import Stack
from tests.storefront_shell import storefront_python

ORDER_OF_TURNS = """
import threading, time
from core.admission import WorkSlots

slots = WorkSlots(1)
assert slots.acquire(timeout=0, post=False)  # the one slot, held
turns = []

def wait_for_a_slot(name, post):
    if slots.acquire(timeout=10, post=post):
        turns.append(name)

page = threading.Thread(target=wait_for_a_slot, args=("page view", False))
page.start()
time.sleep(0.3)  # the page view waits first...
post = threading.Thread(target=wait_for_a_slot, args=("post", True))
post.start()
time.sleep(0.3)  # ...then the post
slots.release()
post.join(5)
time.sleep(0.3)
print("after one release:", turns)
slots.release()
page.join(5)
print("after two:", turns)
# Nobody waits and a slot is free: a page view takes it at once; a timed-out waiter takes none.
slots.release()
assert slots.acquire(timeout=0, post=False)
started = time.monotonic()
print("refused at its deadline:", not slots.acquire(timeout=0.2, post=True), round(time.monotonic() - started, 1))
"""


def test_a_freed_work_slot_goes_to_the_waiting_post_before_the_page_view_that_waited_longer(shop: Stack):
    ran = storefront_python(shop, ORDER_OF_TURNS)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.strip().splitlines()
    assert "after one release: ['post']" in lines, ran.stdout
    assert "after two: ['post', 'page view']" in lines, ran.stdout
    assert "refused at its deadline: True 0.2" in lines, ran.stdout


CHECKOUT_POST_WAITS_LONGER = """
import threading, time
from core.admission import Admission

def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"served"]

admission = Admission(app, work_slots=1, deadline_seconds=0.5, health_deadline_seconds=0.5,
                      checkout_post_deadline_seconds=2.0)
assert admission.work.acquire(timeout=0)  # the one slot, held
answers = {}

def ask(name, method, path):
    started, status = time.monotonic(), []
    body = admission({"REQUEST_METHOD": method, "PATH_INFO": path}, lambda line, headers: status.append(line))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    answers[name] = (status[0][:3], round(time.monotonic() - started, 1))

asking = [threading.Thread(target=ask, args=turn) for turn in
          (("page view", "GET", "/cart/"), ("add to cart", "POST", "/cart/add/"), ("pay", "POST", "/checkout/pay/"),
           ("checkout step", "POST", "/checkout/"))]
for thread in asking:
    thread.start()
time.sleep(1.0)  # past the others' deadline, within the checkout step's
admission.work.release()
for thread in asking:
    thread.join(5)
for name in sorted(answers):
    print(name, *answers[name])
"""


def test_a_checkout_steps_post_waits_for_a_work_slot_longer_than_a_page_view_pay_or_another_post(shop: Stack):
    ran = storefront_python(shop, CHECKOUT_POST_WAITS_LONGER)
    assert ran.returncode == 0, ran.stderr
    answers = {line.rsplit(" ", 2)[0]: (line.rsplit(" ", 2)[1], float(line.rsplit(" ", 2)[2]))
               for line in ran.stdout.strip().splitlines()}
    # Refused at their deadline (0.5 s), the checkout step served when the slot came back (1.0 s).
    for name in ("page view", "add to cart", "pay"):  # Pay: a sell-out loser must not wait behind the winners
        status, seconds = answers[name]
        assert status == "503" and 0.4 <= seconds < 0.95, (name, answers)
    status, seconds = answers["checkout step"]
    assert status == "200" and 0.95 <= seconds < 1.9, answers
