"""Paying through Saleor's gateway against localstripe, with the real stripe library."""
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from django.core import signing

from deploy.runner.stack import Stack
from tests.checkout.buyer import DECLINED_CARD, GOOD_CARD, THREE_D_SECURE_CARD, Buyer, card_token, stripe_client
from tests.locks import lock_held
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI


def test_buyer_pays_with_a_good_card_and_gets_one_order_one_capture_and_one_email(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(f"good-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay(quantity=2)

    page = buyer.pay(card=GOOD_CARD)

    assert page.status_code == 200
    assert page.url.path.startswith("/orders/")
    assert "your order is placed" in page.text
    orders = staff_api.wait_for_orders(buyer.email)
    assert len(orders) == 1
    order = orders[0]
    assert order["paymentStatus"] == "FULLY_CHARGED"
    assert order["total"]["gross"]["amount"] == 2 * 39.0 + 5.0
    assert f"/orders/{order['token']}/" == page.url.path
    messages = mailbox.exactly(buyer.email, 1)
    assert f"/orders/{order['token']}/" in text_of(messages[0])
    assert order["number"] in messages[0]["Subject"]


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"


def intents_of(shop: Stack, checkout_token: str) -> list:
    """Every PaymentIntent of a checkout, however many intents localstripe holds (all pages)."""
    params = {"limit": 100}
    return [
        intent for intent in stripe_client(shop).v1.payment_intents.list(params=params).auto_paging_iter()
        if intent.metadata.to_dict().get("checkout_token") == checkout_token
    ]


def buyer_checkout_token(buyer: Buyer) -> str:
    """The Saleor checkout token inside the buyer's signed session cookie."""
    data = signing.loads(
        buyer.http.cookies.get("sessionid"),
        key=buyer.shop.secrets["STOREFRONT_SECRET_KEY"],
        salt="django.contrib.sessions.backends.signed_cookies",
        serializer=signing.JSONSerializer,
        fallback_keys=[],
    )
    return data["cart_token"]


def test_a_declined_card_shows_stripes_message_keeps_the_cart_then_a_good_card_pays(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(unique_email("declined"))
    buyer.ready_to_pay()

    declined = buyer.pay(card=DECLINED_CARD, follow=False)

    # POST/redirect/GET: the refusal waits in the session for the payment step, shown once.
    assert declined.status_code == 302 and declined.headers["location"] == "/checkout/"
    page = buyer.http.get("/checkout/")
    assert re.search(r'id="card-errors"[^>]*>Your card was declined\. Please try another card, or contact your bank', page.text)
    assert 'id="payment-form"' in page.text and "1 × QL Claw" in page.text
    assert "Your card was declined." not in buyer.http.get("/checkout/").text
    assert staff_api.orders_for(buyer.email) == []

    paid = buyer.pay(card=GOOD_CARD)

    assert paid.url.path.startswith("/orders/")
    orders = staff_api.wait_for_orders(buyer.email)
    assert len(orders) == 1 and orders[0]["paymentStatus"] == "FULLY_CHARGED"
    mailbox.exactly(buyer.email, 1)


def test_three_d_secure_card_is_confirmed_in_the_browser_then_completed(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox
):
    buyer = new_buyer(unique_email("3ds"))
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)

    challenge = buyer.pay(card=THREE_D_SECURE_CARD)

    assert challenge.status_code == 200 and challenge.url.path == "/checkout/"
    secret = re.search(r'data-client-secret="([^"]+)"', challenge.text).group(1)
    assert staff_api.orders_for(buyer.email) == []
    # What Stripe.js' confirmCardPayment does when the buyer approves the bank's challenge:
    intent_id = secret.split("_secret_")[0]
    httpx.post(
        f"{shop.localstripe_url}/v1/payment_intents/{intent_id}/_authenticate?success=true",
        json={"key": "pk_test_localstripe", "client_secret": secret},
    ).raise_for_status()

    done = buyer.confirm()

    assert done.url.path.startswith("/orders/")
    orders = staff_api.wait_for_orders(buyer.email)
    assert len(orders) == 1 and orders[0]["paymentStatus"] == "FULLY_CHARGED"
    intents = intents_of(shop, checkout_token)
    assert [intent.status for intent in intents] == ["succeeded"]
    mailbox.exactly(buyer.email, 1)


def test_double_clicking_pay_makes_one_charge_and_one_order(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    buyer = new_buyer(unique_email("double"))
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    page = buyer.http.get("/checkout/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    tokens = [card_token(shop, GOOD_CARD) for _ in range(3)]

    def click(token: str) -> httpx.Response:
        # Each click on a connection of its own (the session's cookies, as a browser's tabs), so
        # no click can meet a kept-alive connection the server has just closed.
        with httpx.Client(base_url=buyer.http.base_url, headers=buyer.http.headers, cookies=buyer.http.cookies,
                          timeout=60) as tab:
            return tab.post("/checkout/pay/", data={"csrfmiddlewaretoken": csrf, "payment_token": token})

    # The three clicks are made to overlap: the test holds the checkout's completion lock until
    # PostgreSQL shows all three queued on it.
    with ThreadPoolExecutor(max_workers=3) as pool, lock_held(shop, f"checkout:{checkout_token}") as lock:
        clicks = [pool.submit(click, token) for token in tokens]
        lock.wait_until_waiting(3, watching=clicks)
    responses = [c.result() for c in clicks]

    assert all(response.status_code == 302 for response in responses)
    assert len({response.headers["location"] for response in responses}) == 1
    assert len(staff_api.wait_for_orders(buyer.email)) == 1
    # Every intent of the checkout, not only captured ones: an extra uncaptured hold is a bug too.
    intents = intents_of(shop, checkout_token)
    assert [intent.status for intent in intents] == ["succeeded"]


def test_a_completed_checkout_cannot_be_paid_again(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    buyer = new_buyer(unique_email("again"))
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    page = buyer.http.get("/checkout/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    cookies = dict(buyer.http.cookies)
    first = buyer.pay(card=GOOD_CARD)
    assert first.url.path.startswith("/orders/")

    # Replay the old session (still holding the checkout token) with a new card.
    replay = httpx.post(
        f"http://127.0.0.1:{shop.ports.storefront}/checkout/pay/",
        data={"csrfmiddlewaretoken": csrf, "payment_token": card_token(shop, GOOD_CARD)},
        cookies=cookies,
    )

    assert replay.status_code == 302
    assert replay.headers["location"] == f"{first.url.path}?placed=1"
    assert len(staff_api.orders_for(buyer.email)) == 1
    assert len(intents_of(shop, checkout_token)) == 1


def test_amounts_and_prices_in_the_post_are_ignored(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    buyer = new_buyer(unique_email("tamper"))
    buyer.ready_to_pay()

    page = buyer.pay(card=GOOD_CARD, extra={"amount": "0.01", "total": "0.01", "price": "1.00", "currency": "JPY"})

    assert page.url.path.startswith("/orders/")
    order = staff_api.wait_for_orders(buyer.email)[0]
    assert order["total"]["gross"]["amount"] == 44.0
    assert order["payments"][0]["capturedAmount"]["amount"] == 44.0


def test_a_promo_code_lowers_the_total_saleor_charges(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    buyer = new_buyer(unique_email("promo"))
    buyer.ready_to_pay()

    applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "WELCOME10"})

    assert "Your promo code was applied." in applied.text
    assert re.search(r'id="summary-discount">−\$3\.90<', applied.text)
    assert re.search(r'id="summary-total">\$40\.10<', applied.text)
    paid = buyer.pay(card=GOOD_CARD)
    assert paid.url.path.startswith("/orders/")
    order = staff_api.wait_for_orders(buyer.email)[0]
    assert order["total"]["gross"]["amount"] == 40.1
    assert order["payments"][0]["capturedAmount"]["amount"] == 40.1


def test_the_payment_steps_script_is_answered_in_json_without_leaving_the_page(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    buyer = new_buyer(unique_email("in-place"))
    buyer.ready_to_pay()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', buyer.http.get("/checkout/").text).group(1)

    def pay_in_place(card: str) -> httpx.Response:
        buyer.last_paid_at = time.monotonic()  # localstripe's webhooks follow: let them land in this test
        return buyer.http.post("/checkout/pay/", headers={"Accept": "application/json"},
                               data={"csrfmiddlewaretoken": csrf, "payment_token": card_token(shop, card)})

    declined = pay_in_place(DECLINED_CARD)

    assert declined.status_code == 402
    assert declined.json() == {"error": "Your card was declined. Please try another card, or contact your bank to approve the payment.",
                               "card_refused": True}
    assert "Your card was declined" not in buyer.http.get("/checkout/").text  # nothing left for a reload
    paid = pay_in_place(GOOD_CARD)
    assert paid.status_code == 200
    order = staff_api.wait_for_orders(buyer.email)[0]
    assert paid.json() == {"next": f"/orders/{order['token']}/?placed=1"}
