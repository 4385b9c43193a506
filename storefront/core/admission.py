"""Admission control: each request gets a deadline the moment the storefront takes it, and work
that cannot start before it is refused at once with the friendly 503 page (Retry-After).

WSGI middleware between the shared page cache (config/wsgi.py; its hits never wait here) and
Django. Granian hands requests to many threads (`--blocking-threads`, STOREFRONT_ACCEPT_THREADS)
so they reach this clock almost at once, instead of waiting unseen in Granian's queue; here
four lanes bound the real work:

- `/healthz` has a lane of its own (HEALTH_LANE_SLOTS) and a database connection kept for it,
  so it answers whatever the load;
- static files (whitenoise) need neither the database nor Saleor and pass straight on;
- the analytics beacon has a lane of its own (BEACON_LANE_SLOTS): it counts in memory, with
  neither the database nor Saleor, so a shop saturated by buyers still counts its page views,
  and a burst of beacons never takes a buyer's slot;
- the checkout's queue page (waiting_room) has a lane of its own (QUEUE_LANE_SLOTS): thousands
  of waiting buyers reload it, and each reload is a few cheap statements, so a long line neither
  takes the slots of the buyers inside checkout nor is refused because they are busy. The
  checkout's door (a read of its page) starts there too: a newcomer in a rush is given a place
  in line cheaply, and one let in trades the lane's slot for a work slot (take_work_slot);
- every other request waits for one of the work slots (STOREFRONT_THREADS less the lanes' and
  the page cache's pooled database connections) until its deadline, then is refused. A checkout
  step's post before Pay (the address, the shipping method, the promo code; the express
  checkout's address and method) waits longer (CHECKOUT_POST_DEADLINE_SECONDS):
  its buyer was let in by the line for it. Pay does not: in a sell-out burst the slots are held
  by the winners' completions, and a loser waiting for one would hear "sold out" only after them;
  refused at once it hears "try again, nothing charged", and its retry hears "sold out". Inside, the Saleor client waits
  for a bulkhead slot only until the same deadline (saleor_client/client.py); for a post, once
  its first call has started, the rest of its calls are not cut off halfway.

WSGI tells an application nothing about a client that has gone away: a request whose client
gave up is dropped once its deadline passes, before any Saleor or database work starts.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Iterable, Iterator, Optional, Protocol

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

from core.logs import redact
from core.middleware import RETRY_AFTER_SECONDS
from metrics.figures import SHED_RESPONSES

logger = logging.getLogger(__name__)

HEALTH_LANE_SLOTS = 1
HEALTH_PATH = "/healthz"
# A beacon is about a millisecond of Python: two slots keep them flowing; more would only queue on the GIL.
BEACON_LANE_SLOTS = 2
# The queue page's reload and the door's place in line are milliseconds of Python and database:
# two slots per process (so two doors can meet at the line's lock), and two pooled connections
# taken from the work slots' share (config/settings.py).
QUEUE_LANE_SLOTS = 2

_request_deadline = threading.local()


def seconds_left() -> Optional[float]:
    """Until the current request's deadline (never below 0); None outside a request."""
    deadline = getattr(_request_deadline, "at", None)
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def take_work_slot() -> bool:
    """For a request admitted in the checkout queue's lane (the door: GET of the checkout page)
    that turns out to be a buyer let in: trade the lane's slot for a work slot, waiting until the
    request's deadline, ahead of page views (a buyer inside checkout). False: none came in time
    (answer with the friendly 503). Outside admission (a shell, a test client) there is nothing
    to trade."""
    held = getattr(_request_deadline, "held", None)
    if held is None or held.lane is held.work:
        return True
    # Its pooled database connection goes back while it waits (the next query takes one again),
    # before the lane's slot: the pool is sized for the slots, not for requests between two.
    connection.close()
    held.lane.release()
    held.lane = None
    if not held.work.acquire(timeout=seconds_left() or 0.0, post=True):
        SHED_RESPONSES.labels("deadline_passed").inc()
        return False
    held.lane = held.work
    return True


class _Held:
    """The lane slot a request holds, which may change once (take_work_slot)."""

    def __init__(self, lane: "Lane", work: "WorkSlots") -> None:
        self.lane: Optional[Lane] = lane
        self.work = work

    def release(self) -> None:
        if self.lane is not None:
            self.lane.release()
            self.lane = None


def work_started() -> None:
    """The request has begun its Saleor work. A page (GET) stays bound by its deadline for every
    call; a form's post (a payment, then the order) is not cut off halfway, only bounded by the
    bulkhead's own wait."""
    if not getattr(_request_deadline, "reads_only", True):
        _request_deadline.at = None


class _Slot:
    """The response's body, holding its work slot until the server closes it: Django hands the
    database connection back to the pool only then (request_finished)."""

    def __init__(self, body: Iterable[bytes], release: Callable[[], None]) -> None:
        self.body = body
        self.release = release

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.release()


class Lane(Protocol):
    def acquire(self, *, timeout: float) -> bool: ...

    def release(self) -> None: ...


class WorkSlots:
    """The work slots, handed to a waiting form post (an address, a Pay, an add to the cart)
    before a waiting page view: when the slots are full, newcomers crowding the checkout's door
    are refused before a buyer inside checkout with a card typed in is. A page view may take a
    slot only while more are free than posts wait for; each change of the count wakes the next
    waiter it lets in (one at a time, no herd)."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._lock = threading.Lock()
        self._posts = threading.Condition(self._lock)
        self._pages = threading.Condition(self._lock)
        self._posts_waiting = 0

    def acquire(self, *, timeout: float, post: bool = False) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            self._posts_waiting += post
            try:
                while self._free <= (0 if post else self._posts_waiting):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    (self._posts if post else self._pages).wait(left)
                self._free -= 1
                return True
            finally:
                self._posts_waiting -= post
                self._wake_next()  # a wake-up it took or left unused goes on to the next waiter

    def release(self) -> None:
        with self._lock:
            self._free += 1
            self._wake_next()

    def _wake_next(self) -> None:
        if self._free > 0 and self._posts_waiting:
            self._posts.notify()
        if self._free > self._posts_waiting:
            self._pages.notify()


class Admission:
    def __init__(self, app: Callable, *, work_slots: int, deadline_seconds: float, health_deadline_seconds: float,
                 checkout_post_deadline_seconds: Optional[float] = None) -> None:
        self.app = app
        self.work = WorkSlots(work_slots)
        self.health = threading.BoundedSemaphore(HEALTH_LANE_SLOTS)
        self.beacons = threading.BoundedSemaphore(BEACON_LANE_SLOTS)
        self.queue = threading.BoundedSemaphore(QUEUE_LANE_SLOTS)
        self.beacon_path = reverse("analytics:beacon")
        self.queue_prefix = reverse("waiting_room:place", args=["-"])[:-2]  # "/checkout/queue/"
        self.door_path = reverse("checkout:details")  # "/checkout/"
        # The posts that wait longer for a work slot: the checkout's steps before Pay (not Pay, not
        # the express Pay, not Stripe's webhook).
        self.checkout_steps = frozenset(reverse(name) for name in (
            "checkout:details", "checkout:shipping", "checkout:payment", "checkout:promo-code",
            "express:start", "express:address", "express:method"))
        self.deadline_seconds = deadline_seconds
        self.health_deadline_seconds = health_deadline_seconds
        self.checkout_post_deadline_seconds = checkout_post_deadline_seconds or deadline_seconds
        self._shed_page: Optional[bytes] = None

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        accepted = time.monotonic()
        path = environ.get("PATH_INFO", "")
        if path.startswith(settings.STATIC_URL):
            return self.app(environ, start_response)
        health = path == HEALTH_PATH
        reads_only = environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        # The checkout's door (its page, read) starts in the queue's lane: most who knock in a
        # rush are given a place in line there, cheaply; one let in trades for a work slot.
        in_line = path.startswith(self.queue_prefix) or (reads_only and path == self.door_path)
        lane: Lane = (self.health if health else self.beacons if path == self.beacon_path
                      else self.queue if in_line else self.work)
        checkout_step = not reads_only and path in self.checkout_steps
        deadline = accepted + (self.health_deadline_seconds if health else
                               self.checkout_post_deadline_seconds if checkout_step else self.deadline_seconds)
        left = max(0.0, deadline - time.monotonic())
        taken = self.work.acquire(timeout=left, post=not reads_only) if lane is self.work else lane.acquire(timeout=left)
        if not taken:
            # Before Django, so no request id of ours yet: the caller's (the proxy's), if any.
            logger.warning("Refused at once, no work slot before the deadline: %s %s (request %s)",
                           environ.get("REQUEST_METHOD"), redact(path), environ.get("HTTP_X_REQUEST_ID", "-")[:64])
            reason = ("health_lane_busy" if health else "beacon_lane_busy" if lane is self.beacons
                      else "queue_lane_busy" if lane is self.queue else "deadline_passed")
            return self.shed(start_response, reason)
        _request_deadline.at = deadline
        _request_deadline.reads_only = reads_only
        held = _request_deadline.held = _Held(lane, self.work)
        try:
            body = self.app(environ, start_response)
        except BaseException:
            held.release()
            raise
        finally:
            _request_deadline.at = None
            _request_deadline.held = None
        return _Slot(body, held.release)

    def shed(self, start_response: Callable, reason: str) -> list[bytes]:
        SHED_RESPONSES.labels(reason).inc()
        if self._shed_page is None:
            # No request, so nothing personal and no token: the same page for everyone.
            self._shed_page = render_to_string("503.html").encode()
        start_response("503 Service Unavailable", [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(self._shed_page))),
            ("Retry-After", str(RETRY_AFTER_SECONDS)),
            ("Cache-Control", "no-store"),
        ])
        return [self._shed_page]
