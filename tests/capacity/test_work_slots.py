"""The work slots go to a waiting form post before a waiting page view (core/admission.py
WorkSlots): when the shop is full, a buyer's Pay is not refused because newcomers crowd the
checkout's door. Forced with one slot held, a page view waiting first and a post after it."""
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
