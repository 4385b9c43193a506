"""The checkout's waiting room, met on a storefront whose checkout holds 2 carts at once
(conftest.small_room): later buyers wait in line, first come first served, and go in as the
ones inside pay, empty their cart or leave."""
from __future__ import annotations

import asyncio
import concurrent.futures
import re
import threading
import time
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.capacity.test_admission import CART_QUERY, cart_cookies, visit_carts
from tests.checkout.buyer import Buyer
from tests.faults import FaultProxy
from tests.locks import lock_held
from tests.saleor_api import SaleorStaffAPI
from tests.waiting_room.conftest import (
    FAR_REFRESH_SECONDS,
    LEAVE_SECONDS,
    NEAR_REFRESH_SECONDS,
    REFRESH_SECONDS,
    Waiter,
    position_on,
    refresh_of,
    wait_for,
)

QUEUE = "/checkout/queue/"
# How long a storefront process shows one reading of the stock on its queue pages
# (storefront/waiting_room/selectors.py, SHARED_SECONDS).
SHARED_SECONDS = 5


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


def go_in(buyer: Buyer) -> httpx.Response:
    buyer.add_to_cart()
    return buyer.http.get("/checkout/", follow_redirects=True)


def inside(page: httpx.Response) -> bool:
    return page.status_code == 200 and page.url.path == "/checkout/"


def pay_from_inside(buyer: Buyer) -> httpx.Response:
    assert buyer.enter_details().url.path == "/checkout/"
    assert buyer.choose_shipping().url.path == "/checkout/"
    return buyer.pay()


def test_with_a_room_of_two_the_third_and_fourth_buyers_wait_in_order_go_in_as_the_first_pay_and_both_pay(
    room_buyer, staff_api: SaleorStaffAPI
):
    first, second, third, fourth = (room_buyer(unique_email(f"room-{n}")) for n in range(4))
    assert inside(go_in(first)) and inside(go_in(second))
    third_page, fourth_page = go_in(third), go_in(fourth)
    assert third_page.url.path.startswith(QUEUE) and fourth_page.url.path.startswith(QUEUE)
    assert "You are in the queue for checkout" in third_page.text
    assert (position_on(third_page.text), position_on(fourth_page.text)) == (1, 2)
    waiting = {buyer.email: Waiter(buyer, page) for buyer, page in ((third, third_page), (fourth, fourth_page))}

    # The first buyer goes through every step without meeting the queue, and pays.
    first_order = pay_from_inside(first)
    assert first_order.url.path.startswith("/orders/"), first_order.text
    # Its room goes to the first in line; the fourth moves up to first place and keeps waiting.
    assert inside(waiting[third.email].wait_until_admitted())
    wait_for(lambda: waiting[fourth.email].position == 1, "the fourth buyer should move up to place 1")
    assert waiting[fourth.email].admitted_page is None

    second_order = pay_from_inside(second)
    assert second_order.url.path.startswith("/orders/"), second_order.text
    assert inside(waiting[fourth.email].wait_until_admitted())

    # Both who waited can pay; once in, they are not queued again on any step.
    for buyer in (third, fourth):
        assert inside(buyer.http.get("/checkout/", follow_redirects=True))
        assert pay_from_inside(buyer).url.path.startswith("/orders/")
    for buyer in (first, second, third, fourth):
        assert len(staff_api.wait_for_orders(buyer.email)) == 1, buyer.email
    positions = waiting[fourth.email].positions
    assert positions[0] == 2 and positions == sorted(positions, reverse=True), positions


def test_the_queue_page_works_without_javascript_and_an_emptied_cart_gives_its_room_to_the_next(room_buyer):
    first, second, waiting = (room_buyer(unique_email(f"nojs-{n}")) for n in range(3))
    assert inside(go_in(first)) and inside(go_in(second))
    page = go_in(waiting)
    queue_path = page.url.path
    assert queue_path.startswith(QUEUE)
    assert "no-store" in page.headers["cache-control"] and "max-age=0" in page.headers["cache-control"]
    refresh = refresh_of(page.text)
    assert position_on(page.text) == 1

    # The first buyer empties the cart: its room inside is free at once, not after the idle time.
    cart = first.http.get("/cart/")
    remove = re.search(r'action="(/cart/lines/[^"]+/remove/)"', cart.text).group(1)
    emptied = first.post_form("/cart/", remove, {})
    assert "The item was removed from your cart." in emptied.text, emptied.text

    # What a browser without JavaScript does: the meta refresh, after its seconds, the same address.
    assert refresh == 1
    again = waiting.http.get(queue_path)
    assert again.status_code == 302 and again.headers["location"] == "/checkout/"
    assert 'name="street_address_1"' in waiting.http.get("/checkout/").text


def test_the_next_in_line_reload_sooner_than_those_further_back_and_the_far_end_seldom(room_buyer):
    first, second, *waiting = (room_buyer(unique_email(f"near-{n}")) for n in range(13))
    assert inside(go_in(first)) and inside(go_in(second))
    pages = [go_in(buyer) for buyer in waiting]
    assert [position_on(page.text) for page in pages] == list(range(1, 12))
    # The next two (the room holds two) ask again every second; up to five rooms' worth back
    # every 3 s; beyond that (places 11 and on) every 4 s.
    assert [refresh_of(page.text) for page in pages] == (
        [NEAR_REFRESH_SECONDS] * 2 + [REFRESH_SECONDS] * 8 + [FAR_REFRESH_SECONDS])
    assert "it updates itself every 3 seconds" in pages[2].text


def test_a_garbage_or_unknown_queue_token_gets_a_plain_refusal_not_an_error(room_buyer, small_room: str):
    buyer = room_buyer(unique_email("garbage"))
    garbage = buyer.http.get(f"{QUEUE}not-a-place'%3Cscript%3E/")
    assert garbage.status_code == 400
    assert "This is not the address of a place in the checkout queue." in garbage.text
    unknown = buyer.http.get(f"{QUEUE}{uuid.uuid4()}/")
    assert unknown.status_code == 404
    assert "Your place in the checkout queue has lapsed" in unknown.text


def test_a_place_is_only_for_the_cart_that_took_it(room_buyer):
    first, second, waiting, stranger = (room_buyer(unique_email(f"owner-{n}")) for n in range(4))
    assert inside(go_in(first)) and inside(go_in(second))
    page = go_in(waiting)
    stranger.add_to_cart()
    taken = stranger.http.get(page.url.path)
    assert taken.status_code == 403
    assert "belongs to another cart than the one in this browser" in taken.text


def test_a_buyer_who_stops_refreshing_loses_the_place_and_the_next_moves_up(room_buyer):
    first, second, gone, next_one = (room_buyer(unique_email(f"leave-{n}")) for n in range(4))
    assert inside(go_in(first)) and inside(go_in(second))
    gone_page, next_page = go_in(gone), go_in(next_one)
    assert (position_on(gone_page.text), position_on(next_page.text)) == (1, 2)
    waiter = Waiter(next_one, next_page)  # keeps the page open; the other closed it
    try:
        wait_for(lambda: waiter.position == 1, "the next buyer should move up once the other left",
                 timeout=LEAVE_SECONDS + 10)
    finally:
        waiter.leave()
    back = gone.http.get(gone_page.url.path)
    assert back.status_code == 404 and "Your place in the checkout queue has lapsed" in back.text
    # Coming back to checkout takes a new place, at the end of the line.
    assert position_on(gone.http.get("/checkout/", follow_redirects=True).text) == 2


def test_two_buyers_arriving_at_once_for_the_last_room_inside_get_one_in_and_one_in_line(shop: Stack, room_buyer):
    """Forced: the test holds the waiting room's lock while both arrive, so both have read
    nothing yet when it lets go; without the lock both would count one room free and go in."""
    first = room_buyer(unique_email("race-in"))
    assert inside(go_in(first))
    racers = [room_buyer(unique_email(f"race-{n}")) for n in range(2)]
    for buyer in racers:
        buyer.add_to_cart()
    answers: dict[int, httpx.Response] = {}

    def enter(index: int) -> None:
        answers[index] = racers[index].http.get("/checkout/")

    threads = [threading.Thread(target=enter, args=(index,)) for index in range(2)]
    with lock_held(shop, "waiting-room") as lock:
        for thread in threads:
            thread.start()
        lock.wait_until_waiting(2)
    for thread in threads:
        thread.join(timeout=30)
    outcomes = sorted(
        "in" if answer.status_code == 200 else answer.headers["location"][:len(QUEUE)]
        for answer in answers.values()
    )
    assert outcomes == [QUEUE, "in"], [(answer.status_code, answer.headers.get("location")) for answer in answers.values()]


def test_a_door_that_cannot_get_the_lines_lock_before_its_deadline_gets_the_503_page_then_goes_in(shop: Stack, room_buyer):
    """The line's lock is held for a few statements; held longer (here by the test, for longer
    than a request's 1.5 s deadline), the buyer at the door is not kept waiting on it."""
    buyer = room_buyer(unique_email("door-lock"))
    buyer.add_to_cart()
    with lock_held(shop, "waiting-room") as lock:
        started = time.monotonic()
        door = buyer.http.get("/checkout/")
        waited = time.monotonic() - started
        assert lock.waiting() == 0  # it gave up its wait
    assert door.status_code == 503 and door.headers.get("Retry-After"), (door.status_code, door.text[:300])
    # It waited on the lock until its deadline (1.5 s from the storefront taking it), no longer.
    assert 1.0 <= waited < 3.0, waited
    assert inside(buyer.http.get("/checkout/", follow_redirects=True))


def test_a_buyer_waiting_while_the_claw_sells_out_is_told_so_on_the_queue_page(room_buyer, stock):
    first, second, waiting = (room_buyer(unique_email(f"soldout-{n}")) for n in range(3))
    assert inside(go_in(first)) and inside(go_in(second))
    page = go_in(waiting)
    assert 'id="queue-sold-out"' not in page.text
    stock(0)
    # Each storefront process reads the stock for its queue pages once every few seconds.
    deadline = time.monotonic() + 3 * SHARED_SECONDS
    again = waiting.http.get(page.url.path)
    while 'id="queue-sold-out"' not in again.text and time.monotonic() < deadline:
        time.sleep(0.5)
        again = waiting.http.get(page.url.path)
    assert again.status_code == 200
    assert "The QL Claw has sold out while you waited." in again.text
    assert "Nothing has been charged" in again.text


def test_a_buyer_told_sold_out_at_pay_gives_the_room_to_the_next_in_line_at_once(room_buyer, stock):
    first, second, waiting = (room_buyer(unique_email(f"soldout-pay-{n}")) for n in range(3))
    assert inside(go_in(first)) and inside(go_in(second))
    assert first.enter_details().url.path == "/checkout/"
    page = go_in(waiting)
    assert position_on(page.text) == 1
    stock(0)
    refused = first.pay()
    assert refused.url.path == "/cart/" and "Your card has not been charged" in refused.text, refused.text
    # Not after the idle timeout (ten minutes): the next refresh of the queue page goes in.
    again = waiting.http.get(page.url.path)
    assert again.status_code == 302 and again.headers["location"] == "/checkout/"
    # The one told "sold out" is back in the line if they try again, not inside.
    assert first.http.get("/checkout/").headers["location"].startswith(QUEUE)


def test_the_staff_dashboard_shows_the_line_while_it_exists(room_buyer, admin: httpx.Client):
    assert 'id="tile-checkout-queue"' not in admin.get("/staff/").text
    first, second, waiting = (room_buyer(unique_email(f"tile-{n}")) for n in range(3))
    assert inside(go_in(first)) and inside(go_in(second))
    assert go_in(waiting).url.path.startswith(QUEUE)
    board = admin.get("/staff/").text
    assert re.search(r'id="checkout-queue-waiting">1 waiting<', board)
    assert re.search(r'id="checkout-queue-inside">2 of \d+ inside checkout<', board)


def test_the_queue_page_is_served_in_its_own_lane_while_the_buyers_inside_take_every_work_slot(
    room_buyer, small_room: str, saleor_wire: FaultProxy
):
    first, second, waiting = (room_buyer(unique_email(f"lane-{n}")) for n in range(3))
    assert inside(go_in(first)) and inside(go_in(second))
    place = go_in(waiting).url.path
    assert place.startswith(QUEUE)
    # A crowd on a cart whose page is not yet summarised: each visit is a Saleor call, slowed
    # beyond a request's deadline (1.5 s), so the first visitors hold every work slot until the
    # rest are refused.
    crowd_cookies = cart_cookies(room_buyer)
    saleor_wire.delay_responses(CART_QUERY, 2.0)
    reloads: list[tuple[float, float, int]] = []  # (when sent, seconds to the answer, status)
    done = threading.Event()

    def reload_queue_page() -> None:
        while not done.is_set():
            started = time.monotonic()
            status = waiting.http.get(place).status_code
            reloads.append((started, time.monotonic() - started, status))
            done.wait(0.1)

    reloader = threading.Thread(target=reload_queue_page, daemon=True)
    reloader.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as runner:
            crowd_began = time.monotonic()
            answers = runner.submit(asyncio.run, visit_carts(small_room, crowd_cookies, 30)).result()
            crowd_ended = time.monotonic()
    finally:
        done.set()
        reloader.join()

    statuses = [answer.status_code for _, answer in answers if isinstance(answer, httpx.Response)]
    assert 503 in statuses, ("the crowd did not saturate the work slots", statuses)
    # The reloads sent while the crowd held every work slot (about 1.5 s: until its deadline).
    meanwhile = [(seconds, status) for sent, seconds, status in reloads if crowd_began <= sent <= crowd_ended]
    # A queue page in the crowd's lane would wait for a slot until its own deadline (1.5 s), so
    # one or two would fit in that time, each answered late or refused.
    assert len(meanwhile) >= 5, (meanwhile, crowd_ended - crowd_began, statuses)
    assert all(status == 200 for _, status in meanwhile), meanwhile
    assert max(seconds for seconds, _ in meanwhile) <= 1.0, meanwhile
    print(f"{statuses.count(503)} of the crowd refused meanwhile; {len(meanwhile)} queue page reloads in "
          f"{crowd_ended - crowd_began:.1f} s, slowest {max(s for s, _ in meanwhile):.3f} s")
