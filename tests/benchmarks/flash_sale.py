"""A flash sale through the caching proxy: BUYERS buyers, each with a cart ready to pay, press Pay
spread evenly over SECONDS for UNITS units. Prints the time each waited for its answer (an order,
"sold out, not charged", or anything else), 5xx, the orders Saleor holds, card holds left without
an order, and orders per minute at saturation beside Saleor's own ceiling measured in the same
run: Saleor's mutations for one order called directly, the CPU-seconds Saleor and PostgreSQL
spend per order, and so the most orders this machine's cores could make.

    .venv/storefront/bin/python -m tests.benchmarks.flash_sale [--buyers 500 --units 100 --seconds 60]

With --waiting-room the checkout holds CHECKOUT_ADMISSION_LIMIT carts (--room, default 40) and
each buyer arrives with only a cart: opens the checkout, waits in line on the queue page as a
browser without JavaScript would (reloading it every WAITING_ROOM_REFRESH_SECONDS), fills in the
address, then pays. Prints also each buyer's time in line and the longest line.

    .venv/storefront/bin/python -m tests.benchmarks.flash_sale --waiting-room --buyers 2000
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

import httpx
import psutil
import psycopg

from deploy.runner import caching_proxy
from deploy.runner.layout import Ports
from deploy.runner.processes import ProcessGroup
from tests.benchmarks.cart_page import ask, documents
from tests.benchmarks.checkout import percentile
from tests.checkout.buyer import GOOD_CARD, US_ADDRESS, Buyer, card_token, stripe_client
from tests.saleor_api import SaleorStaffAPI

PREPARING_THREADS = 4
CEILING_WARM_UP = 5  # orders made before Saleor's ceiling is measured


def cpu_seconds(pid: int, *, with_children: bool = True) -> float:
    """User + system CPU of a process and its children (uWSGI's workers, PostgreSQL's backends)."""
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *(root.children(recursive=True) if with_children else [])]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


class CpuTimeline:
    """Each process's CPU-seconds, sampled every second through the sale, so the CPU spent while
    orders were being made can be told apart by process (who took the cores from Saleor)."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "CpuTimeline":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            # This script's own threads only: the stack's processes are its children, counted apart.
            self.samples.append((time.perf_counter(), {name: cpu_seconds(pid, with_children=pid != os.getpid())
                                                       for name, pid in self.pids.items()}))
            if self._stop.wait(1.0):
                return

    def between(self, start: float, end: float) -> tuple[float, dict[str, float]]:
        """(seconds, CPU-seconds by process) over the samples nearest to start and end."""
        first = min(self.samples, key=lambda sample: abs(sample[0] - start))
        last = min(self.samples, key=lambda sample: abs(sample[0] - end))
        return last[0] - first[0], {name: last[1][name] - first[1][name] for name in self.pids}


def saleor_ceiling(shop, variant_id: str, orders: int) -> tuple[float, float]:
    """(CPU-seconds per order of Saleor + PostgreSQL, wall seconds per order), one order at a time."""
    docs = documents()
    address = {"".join(part if n == 0 else part.capitalize() for n, part in enumerate(key.split("_"))): value
               for key, value in US_ADDRESS.items() if key != "email"}
    pids = [shop.processes.services[name].process.pid for name in ("saleor", "postgres")]
    with httpx.Client(base_url=shop.saleor_url, timeout=60, limits=httpx.Limits(max_keepalive_connections=0)) as saleor:
        for n in range(-CEILING_WARM_UP, orders):
            if n == 0:  # the first orders of a fresh Saleor load its code and caches: not counted
                cpu_before, started = sum(cpu_seconds(pid) for pid in pids), time.perf_counter()
            email = f"flash-ceiling-{n}-{uuid.uuid4().hex[:6]}@example.com"
            created, _ = ask(saleor, docs["CartCreate"], {"lines": [{"variantId": variant_id, "quantity": 1}], "email": email})
            token = created["checkoutCreate"]["checkout"]["token"]
            checkout_id = ask(saleor, docs["CartForCompletion"], {"token": token})[0]["checkout"]["id"]
            details, _ = ask(saleor, docs["CheckoutSetDetails"], {"checkoutId": checkout_id, "email": email, "address": address})
            methods = details["checkoutBillingAddressUpdate"]["checkout"]["availableShippingMethods"]
            standard = next(method["id"] for method in methods if method["name"] == "Standard")
            ask(saleor, docs["CheckoutSetShippingMethod"], {"checkoutId": checkout_id, "shippingMethodId": standard})
            ask(saleor, docs["CheckoutPaymentCreate"], {
                "checkoutId": checkout_id, "gateway": "qlclaw.payments.stripe", "token": card_token(shop, GOOD_CARD)})
            completed, _ = ask(saleor, docs["CheckoutComplete"], {"checkoutId": checkout_id})
            assert completed["checkoutComplete"]["order"], completed
    return (sum(cpu_seconds(pid) for pid in pids) - cpu_before) / orders, (time.perf_counter() - started) / orders


def payment_intents(shop) -> dict[str, str] | None:
    """Every PaymentIntent localstripe holds: id -> status (None when it cannot list them)."""
    try:
        listed = stripe_client(shop).v1.payment_intents.list({"limit": 100}).auto_paging_iter()
        return {intent.id: intent.status for intent in listed}
    except Exception as error:  # noqa: BLE001 - a figure the run can do without
        print(f"  (PaymentIntents could not be listed: {error!r})")
        return None


def ready_buyer(shop, proxy: str, email: str) -> tuple[Buyer, str, str]:
    """A buyer at the payment step, through the proxy: (buyer, the page's CSRF token, a card token)."""
    buyer = Buyer(shop, email=email)
    buyer.http.close()
    buyer.http = httpx.Client(base_url=proxy, timeout=60, headers={"Origin": proxy})
    buyer.ready_to_pay()
    page = buyer.http.get("/checkout/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return buyer, csrf, card_token(shop, GOOD_CARD)


QUEUE_POSITION = re.compile(r'id="queue-position">(\d+)<')
QUEUE_REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+)">')


def cart_only_buyer(shop, proxy: str, email: str) -> tuple[Buyer, str]:
    """A buyer with the QL Claw in the cart, through the proxy, not yet in checkout, and a card
    token. Each request on a new connection: two thousand browsers left open on the queue page
    would otherwise be two thousand connections kept by the one proxy of this machine."""
    buyer = Buyer(shop, email=email)
    buyer.http.close()
    buyer.http = httpx.Client(base_url=proxy, timeout=60, headers={"Origin": proxy},
                              limits=httpx.Limits(max_keepalive_connections=0))
    buyer.add_to_cart()
    return buyer, card_token(shop, GOOD_CARD)


@dataclass
class Arrival:
    seconds: float = 0.0  # from opening the checkout to the answer
    at: float = 0.0  # when the answer came, from the sale's start
    kind: str = ""
    in_line: Optional[float] = None  # seconds on the queue page, for a buyer who was queued
    first_answer: Optional[float] = None  # seconds to the queue page, for a buyer who was queued
    refused: int = 0  # friendly 503s met on the way (each followed by a reload after Retry-After)
    first_place: int = 0


def arrive_and_buy(buyer: Buyer, card: str) -> Arrival:
    """What a buyer's browser does: checkout, the queue page until let in (or told it sold out),
    the address, Pay. Redirects are followed by hand to see where each one goes."""
    arrival, began = Arrival(), time.perf_counter()
    door = buyer.http.get("/checkout/")
    for _ in range(20):  # the friendly 503 page: the buyer tries again when it says
        if door.status_code != 503:
            break
        arrival.refused += 1
        time.sleep(float(door.headers.get("retry-after", "5")))
        door = buyer.http.get("/checkout/")
    location = door.headers.get("location", "")
    if door.status_code == 302 and location == "/cart/":
        arrival.kind = "sold out (at the door)"  # the catalog says so: no place, no Saleor call
        return _answered(arrival, began)
    if door.status_code == 302 and location.startswith("/checkout/queue/"):
        queued_at = time.perf_counter()
        arrival.first_answer = queued_at - began
        while True:
            page = buyer.http.get(location)
            for _ in range(20):  # the friendly 503 page: the buyer reloads when it says
                if page.status_code != 503:
                    break
                arrival.refused += 1
                time.sleep(float(page.headers.get("retry-after", "5")))
                page = buyer.http.get(location)
            if page.status_code == 302 and page.headers.get("location") == "/checkout/":
                break
            if page.status_code != 200:
                arrival.kind = f"queue page {page.status_code}"
                return _answered(arrival, began)
            arrival.first_place = arrival.first_place or int(QUEUE_POSITION.search(page.text).group(1))
            if 'id="queue-sold-out"' in page.text:
                arrival.in_line, arrival.kind = time.perf_counter() - queued_at, "sold out (in line)"
                return _answered(arrival, began)
            time.sleep(int(QUEUE_REFRESH.search(page.text).group(1)))
        arrival.in_line = time.perf_counter() - queued_at
        door = buyer.http.get("/checkout/")
    if door.status_code != 200:
        arrival.kind = f"checkout {door.status_code}"
        return _answered(arrival, began)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', door.text).group(1)
    saved = buyer.http.post("/checkout/", data={"csrfmiddlewaretoken": csrf, **US_ADDRESS, "email": buyer.email})
    if saved.status_code != 302:
        arrival.kind = f"details {saved.status_code}"
        return _answered(arrival, began)
    paid = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": card})
    arrival.kind = _kind_of(paid)
    return _answered(arrival, began)


def _answered(arrival: Arrival, began: float) -> Arrival:
    arrival.seconds = time.perf_counter() - began
    return arrival


def _kind_of(response: httpx.Response) -> str:
    location = response.headers.get("location", "")
    return ("503 with Retry-After" if response.status_code == 503 and response.headers.get("retry-after") else
            f"5xx other ({response.status_code})" if response.status_code >= 500 else
            "order" if location.startswith("/orders/") else
            "sold out" if location.startswith("/cart/") else
            "confirming" if "confirming" in location else f"other {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=500)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--ceiling-orders", type=int, default=20)
    parser.add_argument("--waiting-room", action="store_true", help="buyers arrive with a cart and meet the queue")
    parser.add_argument("--room", type=int, default=40, help="CHECKOUT_ADMISSION_LIMIT with --waiting-room (its default)")
    args = parser.parse_args()
    os.environ["SERVER_TIMING"] = "1"
    from tests.benchmarks.harness import running_stack

    run = uuid.uuid4().hex[:6]
    settings = {"CHECKOUT_ADMISSION_LIMIT": str(args.room)} if args.waiting_room else {}
    with running_stack(settings) as shop:
        processes = ProcessGroup()
        try:
            proxy = caching_proxy.start(processes, shop.state.path / "bench-proxy",
                                        listen_port=Ports.free().storefront, storefront_port=shop.ports.storefront)
            variant_id = Buyer(shop, email="flash-variant@example.com").product_variant_id()
            cpu_per_order, wall_per_order = saleor_ceiling(shop, variant_id, args.ceiling_orders)
            cores = psutil.cpu_count() or 1

            print(f"\nPreparing {args.buyers} carts {'(not yet in checkout)' if args.waiting_room else 'at the payment step'}"
                  " through the proxy…", flush=True)
            prepare = cart_only_buyer if args.waiting_room else ready_buyer
            with ThreadPoolExecutor(max_workers=PREPARING_THREADS) as pool:
                ready = list(pool.map(lambda n: prepare(shop, proxy, f"flash-{run}-{n}@example.com"), range(args.buyers)))
            # Signed in only now: preparing hundreds of carts outlasts a staff token.
            staff = SaleorStaffAPI.sign_in(f"{shop.saleor_url}/graphql/", shop.staff_email, shop.staff_password)
            staff.set_available("QLC-001", args.units)
            with psycopg.connect(shop.database_url("storefront"), autocommit=True) as db:
                # Places left by an earlier run (their buyers gone) would hold the room until they lapse.
                db.execute("UPDATE waiting_room_checkoutplace SET ended = now() WHERE ended IS NULL")
            shop.storefront_manage("purge_catalog_cache")
            intents_before = payment_intents(shop) or {}

            answers: list[tuple[float, float, str]] = []  # (seconds to the answer, when it came, kind)
            arrivals: list[Arrival] = []
            lock = threading.Lock()
            start_at = time.perf_counter() + 1.0

            def press_pay(index: int) -> None:
                time.sleep(max(0.0, start_at + index * args.seconds / args.buyers - time.perf_counter()))
                began = time.perf_counter()
                if args.waiting_room:
                    buyer, card = ready[index]
                    try:
                        arrival = arrive_and_buy(buyer, card)
                    except httpx.HTTPError as error:
                        arrival = Arrival(seconds=time.perf_counter() - began, kind=f"no answer ({type(error).__name__})")
                    with lock:
                        answers.append((arrival.seconds, time.perf_counter() - start_at, arrival.kind))
                        arrivals.append(arrival)
                    return
                buyer, csrf, card = ready[index]
                try:
                    response = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": card})
                    kind = _kind_of(response)
                except httpx.HTTPError as error:
                    kind = f"no answer ({type(error).__name__})"
                ended = time.perf_counter()
                with lock:
                    answers.append((ended - began, ended - start_at, kind))

            pids = {name: shop.processes.services[name].process.pid
                    for name in ("saleor", "postgres", "storefront", "worker", "localstripe")}
            pids["caching proxy"] = processes.services["bench-proxy"].process.pid
            with CpuTimeline({**pids, "buyers (this script)": os.getpid()}) as cpu, \
                    ThreadPoolExecutor(max_workers=args.buyers) as pool:
                list(pool.map(press_pay, range(args.buyers)))
            time.sleep(10)  # capture jobs and hold releases run after the answers
            orders = int(shop.saleor_manage("shell", "-c", (
                "from saleor.order.models import Order; "
                f"print(Order.objects.filter(user_email__startswith='flash-{run}-').count())")).stdout.strip().splitlines()[-1])
            intents = payment_intents(shop)
            holding = None if intents is None else sum(
                1 for intent_id, status in intents.items()
                if intent_id not in intents_before and status in ("requires_capture", "succeeded"))
        finally:
            processes.stop_all()
            for prepared in ready if "ready" in locals() else []:
                prepared[0].close()

    waits = [seconds * 1000 for seconds, _, _ in answers]
    kinds: dict[str, int] = {}
    for _, _, kind in answers:
        kinds[kind] = kinds.get(kind, 0) + 1
    order_times = sorted(at for _, at, kind in answers if kind == "order")
    print(f"\nFlash sale: {args.buyers} buyers over {args.seconds:g} s for {args.units} units, through the caching proxy"
          + (f", checkout room of {args.room} (buyers arrive with a cart)" if args.waiting_room else ""))
    print(f"  answers: {dict(sorted(kinds.items()))}")
    friendly = sum(count for kind, count in kinds.items() if "503" in kind)
    other = sum(count for kind, count in kinds.items() if "5xx other" in kind)
    print(f"  5xx as a buyer's last answer: {friendly + other} ({friendly} friendly 503s with Retry-After, {other} other)")
    print(f"  time to the answer: p50 {statistics.median(waits):.0f} ms   p95 {percentile(waits, 0.95):.0f} ms   "
          f"p99 {percentile(waits, 0.99):.0f} ms   max {max(waits):.0f} ms")
    queued = [arrival for arrival in arrivals if arrival.in_line is not None]
    if args.waiting_room:
        firsts = [1000 * (arrival.first_answer if arrival.first_answer is not None else arrival.seconds)
                  for arrival in arrivals]
        print(f"  time to the first answer (a place in line, or the outcome for a buyer let in at once): "
              f"p50 {statistics.median(firsts):.0f} ms   p95 {percentile(firsts, 0.95):.0f} ms   "
              f"p99 {percentile(firsts, 0.99):.0f} ms")
        lines = [arrival.in_line for arrival in queued if arrival.in_line is not None]
        print(f"  friendly 503s met on the way and reloaded past: {sum(arrival.refused for arrival in arrivals)}")
        print(f"  queued: {len(queued)} of {len(arrivals)}   longest line (a newcomer's first place): "
              f"{max((arrival.first_place for arrival in queued), default=0)}   time in line: "
              + (f"mean {statistics.mean(lines):.1f} s  p95 {percentile(lines, 0.95):.1f} s  max {max(lines):.1f} s"
                 if lines else "-"))
    for kind in ("order", "sold out", "sold out (in line)", "sold out (at the door)"):
        times = [seconds * 1000 for seconds, _, k in answers if k == kind]
        if times:
            print(f"    {kind:<22} p50 {statistics.median(times):.0f} ms   p95 {percentile(times, 0.95):.0f} ms   n={len(times)}")
    print(f"  orders in Saleor: {orders} (units: {args.units})   card holds or charges: {holding}   "
          f"without an order: {'?' if holding is None else max(0, holding - orders)}")
    if len(order_times) > 1:
        span = order_times[-1] - order_times[0]
        print(f"  orders per minute while selling: {(len(order_times) - 1) / span * 60:.0f} "
              f"(first to last order answer, {span:.1f} s)")
        sampled, used = cpu.between(start_at + order_times[0], start_at + order_times[-1])
        if sampled > 0:
            print(f"  CPU while selling ({sampled:.0f} s sampled, {cores} cores = {cores * sampled:.0f} CPU-s): "
                  + ", ".join(f"{name} {seconds:.0f} s ({seconds / sampled * 100:.0f} %)"
                              for name, seconds in sorted(used.items(), key=lambda item: -item[1])))
            print(f"    Saleor + PostgreSQL per order made while selling: "
                  f"{(used['saleor'] + used['postgres']) / max(1, len(order_times) - 1):.2f} CPU-s")
    print(f"  Saleor's ceiling, {args.ceiling_orders} orders called directly: {cpu_per_order:.2f} CPU-s per order "
          f"(Saleor + PostgreSQL), {wall_per_order * 1000:.0f} ms each one at a time -> at most "
          f"{cores * 60 / cpu_per_order:.0f} orders/min on {cores} cores")


if __name__ == "__main__":
    main()
