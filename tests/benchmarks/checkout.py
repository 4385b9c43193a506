"""Checkout figures: Pay -> order page over 50 checkouts and pay -> confirmation e-mail, e-mail
jobs per second of one worker, add-to-cart under 10 concurrent clients, and Saleor calls / SQL
queries per step (from Server-Timing); and, for 1 and 10 buyers at once, the one-page checkout
(GET, the in-place JSON save, Pay) beside the step-by-step path without JavaScript.

    .venv/storefront/bin/python -m tests.benchmarks.checkout [--only-paths]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.benchmarks.harness import running_stack
from tests.checkout.buyer import GOOD_CARD, US_ADDRESS, Buyer, card_token, csrf_token
from tests.mailbox import Mailbox

CHECKOUTS = 50
CLIENTS = 10
ADDS_PER_CLIENT = 20
EMAIL_JOBS = 500


def timing(response: httpx.Response) -> dict[str, tuple[str, float]]:
    """Server-Timing: name -> (description, milliseconds)."""
    found = {}
    for part in response.headers.get("server-timing", "").split(","):
        match = re.match(r'\s*(\w+)(?:;desc="([^"]*)")?;dur=([\d.]+)', part)
        if match:
            found[match.group(1)] = (match.group(2) or "", float(match.group(3)))
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(label: str, values: list[float]) -> None:
    print(f"{label:<58} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms   n={len(values)}")


def steps_of_one_checkout(shop) -> list[tuple[str, httpx.Response]]:
    buyer = Buyer(shop, email="bench-steps@example.com")
    shop.storefront_manage("purge_catalog_cache")
    steps = [("GET product page (not cached)", buyer.http.get("/products/ql-claw/"))]
    steps.append(("GET product page (cached)", buyer.http.get("/products/ql-claw/")))
    steps.append(("POST add to cart", buyer.post_form(
        "/products/ql-claw/", "/cart/add/", {"variant_id": buyer.product_variant_id(), "quantity": 1}, follow=False)))
    steps.append(("GET cart", buyer.http.get("/cart/")))
    steps.append(("GET checkout page (empty)", buyer.http.get("/checkout/")))
    steps.append(("POST address + cheapest method", buyer.post_form(
        "/checkout/", "/checkout/", {**US_ADDRESS, "email": buyer.email}, follow=False)))
    token = card_token(shop, GOOD_CARD)
    page = buyer.http.get("/checkout/")
    steps.append(("GET checkout page (address saved)", page))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    paid = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token})
    steps.append(("POST pay (card authorized, order; capture+e-mail queued)", paid))
    steps.append(("GET order page", buyer.http.get(paid.headers["location"])))
    buyer.close()
    return steps


def pay_to_confirmation(shop, mailbox: Mailbox) -> tuple[list[float], list[float], list[float]]:
    """Client-side time of POST pay + GET order page, the Saleor share inside them, and the
    time from pay to the confirmation e-mail in the mailbox (sent by the job worker)."""
    totals, saleor_shares, to_mail = [], [], []
    for n in range(CHECKOUTS):
        buyer = Buyer(shop, email=f"bench-{n}-{time.time_ns()}@example.com")
        buyer.ready_to_pay()
        token = card_token(shop, GOOD_CARD)
        page = buyer.http.get("/checkout/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        started = time.perf_counter()
        started_monotonic = time.monotonic()
        paid = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token})
        confirmation = buyer.http.get(paid.headers["location"])
        totals.append((time.perf_counter() - started) * 1000)
        assert confirmation.status_code == 200 and "your order is placed" in confirmation.text
        saleor_shares.append(timing(paid)["saleor"][1] + timing(confirmation)["saleor"][1])
        mailbox.wait_for(buyer.email, timeout=60)
        arrived = next(at for to, at in mailbox.arrivals if buyer.email in to)
        to_mail.append((arrived - started_monotonic) * 1000)
        buyer.close()
    return totals, saleor_shares, to_mail


def email_jobs_per_second(shop, mailbox: Mailbox, jobs: int = EMAIL_JOBS) -> float:
    """Queue `jobs` e-mail jobs with the worker stopped, start it, time until all are delivered."""
    shop.stop_worker()
    run = time.time_ns()
    shop.storefront_manage("shell", "--no-imports", "-c", (
        "from mail.tasks import queue_email\n"
        f"for n in range({jobs}):\n"
        f"    queue_email(template='newsletter/email/confirm', to=f'bench-jobs-{run}-{{n}}@example.com', "
        "context={'confirm_url': 'https://qlclaw.example/x', 'unsubscribe_url': 'https://qlclaw.example/y'}, "
        f"message_id=f'<bench-{run}-{{n}}@qlclaw.example>')"
    ))
    before = len(mailbox.messages)
    shop.start_worker()
    # Timed from the first delivery: the worker's own start-up is not a job's cost.
    while len(mailbox.messages) - before < 1:
        time.sleep(0.01)
    started = time.monotonic()
    while len(mailbox.messages) - before < jobs:
        time.sleep(0.05)
    return (jobs - 1) / (time.monotonic() - started)


def add_to_cart_under_load(shop, clients: int = CLIENTS) -> list[float]:
    def client_session(index: int) -> list[float]:
        buyer = Buyer(shop, email=f"bench-cart-{index}@example.com")
        variant = buyer.product_variant_id()
        timings = []
        for _ in range(ADDS_PER_CLIENT):
            started = time.perf_counter()
            # The product page is shared-cached: its form is origin-checked, with no CSRF token.
            response = buyer.http.post("/cart/add/", data={"variant_id": variant, "quantity": 1})
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                failures.append(response.status_code)
        buyer.close()
        return timings

    failures: list[int] = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        timings = [t for timings in pool.map(client_session, range(clients)) for t in timings]
    print(f"  {clients} client(s): {len(timings) / (time.perf_counter() - started):.1f} adds/s")
    if failures:
        print(f"  ({len(failures)} of {len(timings)} adds failed: statuses {sorted(set(failures))})")
    return timings


ROUNDS_ALONE = 20  # checkouts per path for the lone buyer
ROUNDS_EACH = 5  # checkouts per path for each of the concurrent buyers
PATH_STEPS = {
    "one page": ("GET /checkout/ (the one page)", "POST /checkout/ in place (JSON: address + method)",
                 "POST /checkout/pay/ (JSON, as payment.js)"),
    "step by step": ("POST /checkout/ (address form, no JS)", "POST /checkout/shipping/",
                     "POST /checkout/pay/ (form)"),
}


def one_checkout(shop, path: str, index: int) -> list[float]:
    """One buyer's checkout by `path`, cart filled first (not timed): each step's client-side ms."""
    buyer = Buyer(shop, email=f"bench-path-{index}-{time.time_ns()}@example.com")
    buyer.add_to_cart()
    token = card_token(shop, GOOD_CARD)
    times = []

    def timed(send) -> httpx.Response:
        started = time.perf_counter()
        response = send()
        times.append((time.perf_counter() - started) * 1000)
        return response

    details = {**US_ADDRESS, "email": buyer.email}
    if path == "one page":
        page = timed(lambda: buyer.http.get("/checkout/"))
        assert page.status_code == 200, page.status_code
        csrf = csrf_token(page.text)
        as_script = {"Accept": "application/json"}
        saved = timed(lambda: buyer.http.post("/checkout/", data={"csrfmiddlewaretoken": csrf, **details},
                                              headers=as_script))
        assert saved.status_code == 200 and saved.json()["shipping_method_id"], saved.status_code
        paid = timed(lambda: buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token},
                                             headers=as_script))
        assert paid.status_code == 200 and "/orders/" in paid.json()["next"], paid.text[:200]
    else:
        csrf = csrf_token(buyer.http.get("/checkout/").text)  # the page the form is on (not timed)
        sent = timed(lambda: buyer.http.post("/checkout/", data={"csrfmiddlewaretoken": csrf, **details}))
        assert sent.status_code == 302, sent.status_code
        page = buyer.http.get("/checkout/")  # the page after the redirect, for the method's id (not timed)
        method = re.search(r'name="shipping_method" value="([^"]+)"', page.text).group(1)
        chosen = timed(lambda: buyer.http.post("/checkout/shipping/", data={"csrfmiddlewaretoken": csrf,
                                                                            "shipping_method": method}))
        assert chosen.status_code == 302, chosen.status_code
        paid = timed(lambda: buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token}))
        assert paid.status_code == 302 and "/orders/" in paid.headers["location"], paid.status_code
    buyer.close()
    return times


def checkout_paths(shop, buyers: int, rounds: int) -> dict[str, list[list[float]]]:
    """`buyers` buyers at once, each checking out `rounds` times by each path in turn."""
    def buyer_rounds(index: int) -> dict[str, list[list[float]]]:
        done: dict[str, list[list[float]]] = {path: [] for path in PATH_STEPS}
        for n in range(rounds):
            for path in PATH_STEPS:
                done[path].append(one_checkout(shop, path, index * 1000 + n))
        return done

    with ThreadPoolExecutor(max_workers=buyers) as pool:
        per_buyer = list(pool.map(buyer_rounds, range(buyers)))
    return {path: [steps for done in per_buyer for steps in done[path]] for path in PATH_STEPS}


def print_paths(shop) -> None:
    print("\nOne-page checkout beside the step-by-step path (client-side ms; median / p95; cart filled first,"
          " good card, card token made beforehand)")
    runs = {1: checkout_paths(shop, 1, ROUNDS_ALONE), CLIENTS: checkout_paths(shop, CLIENTS, ROUNDS_EACH)}
    print(f"  {'path':<13} {'step':<52}" + "".join(f"{f'{n} buyer(s)':>24}" for n in runs))
    for path, labels in PATH_STEPS.items():
        rows = [(label, {n: [steps[i] for steps in runs[n][path]] for n in runs}) for i, label in enumerate(labels)]
        rows.append(("all three", {n: [sum(steps) for steps in runs[n][path]] for n in runs}))
        for label, by_buyers in rows:
            print(f"  {path:<13} {label:<52}" + "".join(
                f"{statistics.median(values):>9.0f} / {percentile(values, 0.95):>5.0f} (n={len(values):>2})"
                for values in by_buyers.values()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only-paths", action="store_true",
                        help="only the one-page checkout beside the step-by-step path")
    args = parser.parse_args()
    os.environ["SERVER_TIMING"] = "1"
    mailbox = Mailbox()
    os.environ["EMAIL_URL"] = mailbox.start()
    with running_stack() as shop:
        print_paths(shop)
        if args.only_paths:
            mailbox.stop()
            return
        print("\nSaleor calls and SQL queries per step (Server-Timing of one checkout)")
        for label, response in steps_of_one_checkout(shop):
            t = timing(response)
            print(f"  {label:<52} {t['saleor'][0]:>9}  {t['db'][0]:>11}  {t['total'][1]:7.1f} ms")

        totals, saleor, to_mail = pay_to_confirmation(shop, mailbox)
        print(f"\nPay -> order page, {CHECKOUTS} checkouts one after another (capture and e-mail are jobs)")
        summary("client-measured (POST pay + GET order page)", totals)
        summary("  of which inside Saleor (incl. its Stripe authorization)", saleor)
        summary("pay -> confirmation e-mail in the mailbox", to_mail)

        rate = email_jobs_per_second(shop, mailbox)
        print(f"\nOne job worker, {EMAIL_JOBS} e-mail jobs to aiosmtpd: {rate:.1f} jobs/s")

        print(f"\nAdd to cart ({ADDS_PER_CLIENT} adds per client; each is one Saleor call, the shop's qlclawCheckoutLinesAdd)")
        summary("1 client", add_to_cart_under_load(shop, clients=1))
        summary(f"{CLIENTS} concurrent clients", add_to_cart_under_load(shop))
    mailbox.stop()


if __name__ == "__main__":
    main()
