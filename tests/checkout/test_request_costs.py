"""What each step costs, read from the Server-Timing header: no step needs more than a
handful of Saleor calls or SQL queries, and cached pages need no Saleor call at all."""
import re

from tests.benchmarks.checkout import timing
from tests.checkout.buyer import GOOD_CARD, US_ADDRESS, Buyer, card_token


def calls(response) -> int:
    return int(timing(response)["saleor"][0].split()[0])


def queries(response) -> int:
    return int(timing(response)["db"][0].split()[0])


def test_each_checkout_step_costs_a_handful_of_saleor_calls_and_queries(buyer: Buyer, purge_catalog):
    purge_catalog()
    first_view = buyer.http.get("/products/ql-claw/")
    cached_view = buyer.http.get("/products/ql-claw/")
    # Not cached yet: the product, and the shipping methods shown before checkout.
    assert calls(first_view) == 2
    assert calls(cached_view) == 0 and queries(cached_view) <= 2

    added = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": buyer.product_variant_id(), "quantity": 1}, follow=False)
    assert calls(added) <= 2

    # The address and the cheapest shipping method in one submit: the cart, the address, the method.
    address = buyer.post_form("/checkout/", "/checkout/", US_ADDRESS, follow=False)
    assert address.status_code == 302 and calls(address) <= 3

    # The page after the save shows Saleor's answer to it, kept as the cart's summary: no call.
    checkout_page = buyer.http.get("/checkout/")
    assert calls(checkout_page) == 0
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', checkout_page.text).group(1)
    method = re.search(r'name="shipping_method" value="([^"]+)"', checkout_page.text).group(1)
    # The same method again, as the one-page form sends it with the address: the address saved
    # again, the cart read from the summary, nothing else to change.
    shipped = buyer.http.post("/checkout/", data={"csrfmiddlewaretoken": csrf, **US_ADDRESS, "shipping_method": method})
    assert shipped.status_code == 302 and calls(shipped) <= 1

    paid = buyer.http.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": card_token(buyer.shop, GOOD_CARD)})
    assert paid.status_code == 302
    # the cart under the lock (Saleor's own stock figure), payment, complete, payment's intent,
    # capture, order for the e-mail: the cart before the lock comes from the summary
    assert calls(paid) <= 6
    # … and the order's own records in one commit: the attempt, the paid-order count, the tax
    # collected (markets.TaxCollected, one INSERT), the capture and e-mail jobs; after the commit,
    # one DELETE retires the cart page's summary (cart/receivers.py; on Redis in production);
    # out of the locks, the order as Saleor returned it is kept for the order page (the
    # database cache's three queries; on Redis in production).
    assert queries(paid) <= 17

    # The order page just after paying shows that answer: no Saleor call.
    confirmation = buyer.http.get(paid.headers["location"])
    assert calls(confirmation) == 0
