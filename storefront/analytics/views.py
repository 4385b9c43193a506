from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.client_ip import client_ip
from shared_cache.decorators import same_origin_post

from . import services
from .beacon import MAX_BODY_BYTES, BeaconRefused, is_robot, parse_beacon, visitor_wants_no_counting, within_rate_limit

# The most a browser sends in a beacon (sendBeacon's own limit); a bigger body is refused unread.
DRAIN_BYTES = 64 * 1024

# Exempt from CSRF (same_origin_post): the beacon reads no cookie and writes nothing that belongs
# to a visitor, so a forged post could only add one count, as anyone can directly; the origin
# check and the per-address limit bound that. Cached pages carry no token to send anyway.


@require_POST
@never_cache
@same_origin_post
def beacon(request: HttpRequest) -> HttpResponse:
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
        if declared.isdigit() and int(declared) <= DRAIN_BYTES:
            # Read what a browser could have sent before refusing it: closing on unread bytes resets
            # the connection, and the sender would see a broken socket instead of these words.
            request.read(int(declared))
        return HttpResponse(f"A beacon is at most {MAX_BODY_BYTES} bytes.", status=413, content_type="text/plain")
    # Read (at most 2 KB) before any answer: a server that closes a connection with unread bytes
    # resets it, and the visitor's client may never see the answer.
    body = request.read(MAX_BODY_BYTES + 1)
    if not within_rate_limit(client_ip(request)):
        return HttpResponse("Too many beacons from your address; try again in a minute.", status=429,
                            content_type="text/plain", headers={"Retry-After": "60"})
    try:
        parsed = parse_beacon(body)
    except BeaconRefused as refused:
        return HttpResponse(str(refused), status=400, content_type="text/plain")
    if not is_robot(request.headers.get("User-Agent", "")) and not visitor_wants_no_counting(request.headers):
        services.count_beacon(beacon=parsed)
    return HttpResponse(status=204)
