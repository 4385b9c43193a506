from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cart.session import CartSession

from . import selectors, services

NOT_A_PLACE = "This is not the address of a place in the checkout queue. Go back to your cart and check out again."
LAPSED = ("Your place in the checkout queue has lapsed: the page was not open for a while, or the cart "
          "was ordered or emptied. Go back to your cart and check out again to join the queue.")
ANOTHER_CART = "This place in the checkout queue belongs to another cart than the one in this browser."


@require_safe
@never_cache
def place(request: HttpRequest, token: str) -> HttpResponse:
    """The queue page: reloads itself (a meta refresh, no script needed) and so keeps the place."""
    try:
        place_token = uuid.UUID(token)
    except ValueError:
        return _refused(request, NOT_A_PLACE, status=400)
    try:
        entry = services.keep_place(place_token=place_token, cart_token=CartSession(request).token)
    except services.PlaceLapsed:
        return _refused(request, LAPSED, status=404)
    except services.PlaceOfAnotherCart:
        return _refused(request, ANOTHER_CART, status=403)
    if entry.admitted:
        return redirect("checkout:details")
    queue = selectors.queue_position(entry.ahead)
    return render(request, "waiting_room/place.html", {"queue": queue, "refresh_seconds": _refresh_seconds(queue)})


def _refresh_seconds(queue: selectors.QueuePosition) -> int:
    """Sooner for the next in: the room they will take may be freed any moment, and it is
    theirs only once their page asks again."""
    if queue.position <= settings.CHECKOUT_ADMISSION_LIMIT:
        return min(settings.WAITING_ROOM_NEAR_REFRESH_SECONDS, settings.WAITING_ROOM_REFRESH_SECONDS)
    if queue.position > FAR * settings.CHECKOUT_ADMISSION_LIMIT:
        return max(settings.WAITING_ROOM_FAR_REFRESH_SECONDS, settings.WAITING_ROOM_REFRESH_SECONDS)
    return settings.WAITING_ROOM_REFRESH_SECONDS


# Places further back than this many rooms' worth reload every WAITING_ROOM_FAR_REFRESH_SECONDS.
FAR = 5


def _refused(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    return render(request, "waiting_room/refused.html", {"message": message}, status=status)
