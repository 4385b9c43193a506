"""The checkout's door: at most CHECKOUT_ADMISSION_LIMIT carts inside checkout at once, the rest
waiting in line, first come first served.

Admission runs under one advisory lock (`core.locks.advisory_lock`), so two buyers arriving at
once cannot both read "one place free" and both go in; a queue page's reload only tries it. An
admitted cart moving between checkout steps takes one UPDATE and no lock. A place ends when its order is made, its cart is emptied,
its buyer stops refreshing the queue page (WAITING_ROOM_LEAVE_SECONDS) or stays idle inside
checkout (CHECKOUT_IDLE_SECONDS). The line promises no stock: the last-unit guard in
`checkout.completion` still judges every payment.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from django.conf import settings
from django.utils import timezone

from checkout.models import CheckoutAttempt
from core.admission import seconds_left
from core.locks import advisory_lock, try_advisory_lock

from .models import CheckoutPlace

logger = logging.getLogger(__name__)

QUEUE_LOCK = "waiting-room"
# Ended places are kept this long: their stays are what the queue page's estimate is made of.
KEEP_ENDED = timedelta(hours=1)


class PlaceLapsed(Exception):
    """The place is not (or no longer) in the line."""


class PlaceOfAnotherCart(Exception):
    """The place was taken for a cart other than the one in this browser."""


@dataclass(frozen=True)
class Entry:
    admitted: bool
    place_token: str
    ahead: int = 0  # waiting places in front (live ones), for a place still in line


def step_inside(*, cart_token: str) -> bool:
    """A cart inside checkout and not idle moves to its next page: True, and it is not queued
    again (one UPDATE, no lock)."""
    now = timezone.now()
    return bool(CheckoutPlace.objects.filter(
        cart_token=cart_token, ended__isnull=True, admitted__isnull=False, seen__gte=now - _idle(),
    ).update(seen=now))


def join_line(*, cart_token: str) -> Entry:
    """A cart not inside checkout (step_inside said so): in at once while there is room,
    otherwise a place at the end of the line (its own place again, if it has one)."""
    now = timezone.now()
    # Held for a few statements; a request still waiting at its deadline gets the 503 page.
    with advisory_lock(QUEUE_LOCK, timeout=seconds_left()):
        _end_lapsed(now)
        place = CheckoutPlace.objects.filter(cart_token=cart_token, ended__isnull=True).first()
        if place is None:
            place = CheckoutPlace.objects.create(token=uuid.uuid4(), cart_token=cart_token, joined=now, seen=now)
        else:
            CheckoutPlace.objects.filter(id=place.id).update(seen=now)
        _admit(now)
        admitted = CheckoutPlace.objects.filter(id=place.id, admitted__isnull=False).exists()
    return Entry(admitted=admitted, place_token=str(place.token))


def keep_place(*, place_token: uuid.UUID, cart_token: Optional[str]) -> Entry:
    """The queue page's refresh: the place is kept (a buyer who stops refreshing loses it) and,
    near the front, the line moves up as far as the room inside allows. Thousands of waiting
    pages reload: keeping a place is two statements and no lock; only a place within a room's
    worth of the front tries to move the line, and only the reload that gets the lock first does
    it (it lets in the first in line, whoever they are) — the others do not wait for it and see
    their turn at their next reload. The line's head always reloads often (the queue page's
    near refresh), so the line never stands still; a lapsed place ahead is not counted."""
    now = timezone.now()
    place = CheckoutPlace.objects.filter(token=place_token, ended__isnull=True).values(
        "id", "cart_token", "admitted", "seen").first()
    if place is None:
        raise PlaceLapsed(place_token)
    if str(place["cart_token"]) != cart_token:
        raise PlaceOfAnotherCart(place_token)
    leave = now - timedelta(seconds=settings.WAITING_ROOM_LEAVE_SECONDS)
    if place["admitted"] is None and place["seen"] < leave:
        CheckoutPlace.objects.filter(id=place["id"]).update(ended=now)
        raise PlaceLapsed(place_token)
    CheckoutPlace.objects.filter(id=place["id"]).update(seen=now)
    if place["admitted"] is not None:
        return Entry(admitted=True, place_token=str(place_token))
    ahead = CheckoutPlace.objects.filter(
        ended__isnull=True, admitted__isnull=True, seen__gte=leave, id__lt=place["id"]).count()
    if ahead < settings.CHECKOUT_ADMISSION_LIMIT:
        with try_advisory_lock(QUEUE_LOCK) as moving:
            if moving:
                _end_lapsed(now)
                _admit(now)
        if CheckoutPlace.objects.filter(id=place["id"], admitted__isnull=False).exists():
            return Entry(admitted=True, place_token=str(place_token))
    return Entry(admitted=False, place_token=str(place_token), ahead=ahead)


def end_place(*, cart_token: str) -> None:
    """The order is made or the cart emptied: the room it held goes to the next in line."""
    CheckoutPlace.objects.filter(cart_token=cart_token, ended__isnull=True).update(ended=timezone.now())


def _admit(now: datetime) -> None:
    """Under QUEUE_LOCK: the first in line go in, as many as there is room for."""
    inside = CheckoutPlace.objects.filter(ended__isnull=True, admitted__isnull=False).count()
    room = settings.CHECKOUT_ADMISSION_LIMIT - inside
    if room > 0:
        first_in_line = CheckoutPlace.objects.filter(ended__isnull=True, admitted__isnull=True).order_by("id")
        let_in = CheckoutPlace.objects.filter(id__in=first_in_line.values("id")[:room]).update(admitted=now, seen=now)
        if let_in:
            logger.info("Checkout line: %d let in (%d inside before)", let_in, inside)


def _end_lapsed(now: datetime) -> None:
    """Under QUEUE_LOCK: places whose buyer left the line, went idle inside, or whose order was
    made without the buyer coming back (the webhook or the settle job completed it)."""
    open_places = CheckoutPlace.objects.filter(ended__isnull=True)
    open_places.filter(admitted__isnull=True, seen__lt=now - timedelta(seconds=settings.WAITING_ROOM_LEAVE_SECONDS)).update(ended=now)
    open_places.filter(admitted__isnull=False, seen__lt=now - _idle()).update(ended=now)
    ordered = CheckoutAttempt.objects.filter(order_token__isnull=False).values("checkout_token")
    open_places.filter(admitted__isnull=False, cart_token__in=ordered).update(ended=now)
    CheckoutPlace.objects.filter(ended__lt=now - KEEP_ENDED).delete()


def _idle() -> timedelta:
    return timedelta(seconds=settings.CHECKOUT_IDLE_SECONDS)
