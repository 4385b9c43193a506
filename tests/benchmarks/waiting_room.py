"""How many carts the checkout can hold at once (CHECKOUT_ADMISSION_LIMIT's default), measured:

1. one buyer at a time through every checkout step (address, shipping, payment page, Pay, order
   page): the Saleor seconds and calls a buyer inside checkout costs (Server-Timing);
2. CONCURRENT buyers going through the same steps at machine speed, for SECONDS: the buyers per
   second the stack completes when Saleor is saturated (R).

A buyer spends about HUMAN_SECONDS inside checkout typing an address and a card, so L carts
inside ask Saleor for L / HUMAN_SECONDS checkouts' worth of work per second; kept at half of R
(the rest for carts and pages the cache misses, and for bursts), L = R × HUMAN_SECONDS / 2.

    .venv/storefront/bin/python -m tests.benchmarks.waiting_room
"""
from __future__ import annotations

import os
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.benchmarks.checkout import timing
from tests.benchmarks.harness import running_stack
from tests.checkout.buyer import Buyer

SERIAL_BUYERS = 10
CONCURRENT = 6
SECONDS = 40
HUMAN_SECONDS = 60


def one_checkout(shop, name: str) -> tuple[float, int, float]:
    """Saleor seconds, Saleor calls and wall seconds of one buyer's checkout, from entering it to
    the order page (the cart is filled first and not counted)."""
    buyer = Buyer(shop, email=f"{name}-{time.time_ns()}@example.com")
    try:
        buyer.add_to_cart()
        started = time.perf_counter()
        responses = [buyer.http.get("/checkout/")]
        responses.append(buyer.enter_details())
        responses.append(buyer.choose_shipping())
        paid = buyer.pay()
        assert paid.url.path.startswith("/orders/"), paid.text[:500]
        responses.append(paid)
        wall = time.perf_counter() - started
        # Each followed redirect's own Server-Timing counts too.
        every = [hop for response in responses for hop in (*response.history, response)]
        saleor = [timing(hop).get("saleor", ("0 calls", 0.0)) for hop in every]
        return sum(ms for _, ms in saleor) / 1000, sum(int(desc.split()[0]) for desc, _ in saleor), wall
    finally:
        buyer.close()


def main() -> None:
    os.environ["SERVER_TIMING"] = "1"
    with running_stack() as shop:
        one_checkout(shop, "bench-room-warm")
        serial = [one_checkout(shop, f"bench-room-{n}") for n in range(SERIAL_BUYERS)]
        saleor_seconds = statistics.median(s for s, _, _ in serial)
        calls = statistics.median(c for _, c, _ in serial)
        print(f"One buyer inside checkout (median of {SERIAL_BUYERS}): {saleor_seconds * 1000:.0f} ms of Saleor "
              f"in {calls:.0f} calls; {statistics.median(w for _, _, w in serial) * 1000:.0f} ms of requests in all")

        done: list[float] = []
        failed: list[str] = []
        stop = threading.Event()

        def buyer_loop(index: int) -> None:
            n = 0
            while not stop.is_set():
                try:
                    one_checkout(shop, f"bench-room-c{index}-{n}")
                    done.append(time.monotonic())
                except Exception as error:  # a 503 under saturation is a figure, not a crash
                    failed.append(type(error).__name__)
                n += 1

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
            for index in range(CONCURRENT):
                pool.submit(buyer_loop, index)
            time.sleep(SECONDS)
            stop.set()
        elapsed = time.monotonic() - started
        rate = len(done) / elapsed
        print(f"{CONCURRENT} buyers at machine speed for {elapsed:.0f} s: {len(done)} checkouts, {rate:.2f}/s "
              f"(R), {len(failed)} failed {sorted(set(failed))}")
        print(f"Saleor alone would allow {2 / saleor_seconds:.2f}/s (2 uWSGI processes / Saleor seconds per buyer)")
        print(f"CHECKOUT_ADMISSION_LIMIT ≈ R × {HUMAN_SECONDS} s / 2 = {rate * HUMAN_SECONDS / 2:.0f}")


if __name__ == "__main__":
    main()
