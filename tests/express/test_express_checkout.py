"""Express checkout (the wallet sheet) on the server side, against the real stack: Saleor prices
every address and method the sheet shows, refusals are said in words and charge nothing, and a
wallet payment completes through the card form's completion (one order, one capture, one
e-mail), racing a card buyer for the last unit like any other payment."""
from __future__ import annotations

import re
import threading
import time
import uuid

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import card_token, csrf_token, stripe_client
from tests.checkout.test_durable_orders import assert_one_captured_order_and_one_email
from tests.checkout.test_last_unit import variant_lock_held
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.faults import FaultProxy
from tests.mailbox import Mailbox
from tests.saleor_api import SaleorStaffAPI

from .wallet import Wallet, cents, saleor_checkout


def all_intents(shop: Stack) -> list:
    return list(stripe_client(shop).v1.payment_intents.list(params={"limit": 100}).auto_paging_iter())


def wallet_buyer(new_buyer, label: str) -> Wallet:
    return Wallet(new_buyer(f"wallet-{label}-{uuid.uuid4().hex[:8]}@example.com"))


def test_the_sheet_opens_with_the_product_and_the_countries_the_shop_ships_to(new_buyer):
    wallet = wallet_buyer(new_buyer, "start")

    sheet = wallet.start(quantity=2)

    assert sheet["currency"] == "usd" and sheet["emailRequired"] and sheet["shippingAddressRequired"]
    [line] = sheet["lineItems"]
    assert line["name"] == "QL Claw × 2" and line["amount"] == 2 * 3900
    assert [rate["displayName"] for rate in sheet["shippingRates"]] == ["Standard", "Express"]
    assert sheet["amount"] == line["amount"] + sheet["shippingRates"][0]["amount"]
    assert {"US", "DE", "GB", "JP"} <= set(sheet["allowedShippingCountries"])
    assert not {"RU", "AR"} & set(sheet["allowedShippingCountries"])


def test_an_address_in_the_sheet_gets_saleors_methods_and_totals_to_the_cent(new_buyer, staff_api: SaleorStaffAPI):
    wallet = wallet_buyer(new_buyer, "address")
    wallet.start()

    answer = wallet.address()

    assert answer.status_code == 200, answer.text
    sheet = answer.json()
    saleor = saleor_checkout(staff_api, wallet.checkout_token)
    assert sheet["amount"] == cents(saleor["totalPrice"]["gross"]["amount"]) == 3900 + 500
    assert sheet["shippingRates"][0]["id"] == saleor["shippingMethod"]["id"]  # the cheapest, chosen
    assert {rate["id"]: rate["amount"] for rate in sheet["shippingRates"]} == {
        method["id"]: cents(method["price"]["amount"]) for method in saleor["availableShippingMethods"]}
    assert sheet["shippingRates"][0]["deliveryEstimate"]["maximum"] == {"unit": "business_day", "value": 5}
    # The line items and the chosen rate add up to the amount, as Stripe requires.
    assert sum(line["amount"] for line in sheet["lineItems"]) + sheet["shippingRates"][0]["amount"] == sheet["amount"]

    express = next(rate for rate in sheet["shippingRates"] if rate["displayName"] == "Express")
    changed = wallet.call("method", {"shipping_method": express["id"]})

    assert changed.status_code == 200, changed.text
    saleor = saleor_checkout(staff_api, wallet.checkout_token)
    assert changed.json()["amount"] == cents(saleor["totalPrice"]["gross"]["amount"]) == 3900 + 1500
    assert changed.json()["shippingRates"][0]["id"] == express["id"] == saleor["shippingMethod"]["id"]

    # Another country: its own zone's method and Saleor's total for it (VAT included in Germany).
    germany = wallet.address(country="DE", state="", city="Berlin", postal_code="10117").json()
    saleor = saleor_checkout(staff_api, wallet.checkout_token)
    assert [rate["displayName"] for rate in germany["shippingRates"]] == ["EU Standard"]
    assert germany["amount"] == cents(saleor["totalPrice"]["gross"]["amount"])
    assert sum(line["amount"] for line in germany["lineItems"]) + germany["shippingRates"][0]["amount"] == germany["amount"]


def test_refusals_are_in_words_and_charge_nothing(shop: Stack, new_buyer, staff_api: SaleorStaffAPI):
    wallet = wallet_buyer(new_buyer, "refused")
    intents_before = len(all_intents(shop))
    wallet.start()

    not_shipped = wallet.address(country="AR", state="", city="Buenos Aires", postal_code="C1002")
    assert not_shipped.status_code == 422
    assert not_shipped.json()["error"] == "We don't ship to Argentina. Please choose an address in a country we ship to."
    sanctioned = wallet.address(country="RU", state="", city="Moscow", postal_code="101000")
    assert sanctioned.status_code == 422 and "sanctions" in sanctioned.json()["error"]
    no_zip = wallet.address(postal_code="")
    assert no_zip.status_code == 422
    assert no_zip.json()["error"] == "ZIP code: This field is required for the chosen country."
    wrong_state = wallet.address(state="CA")
    assert wrong_state.status_code == 422 and "not in the chosen state" in wrong_state.json()["error"]

    sheet = wallet.address().json()
    tampered_amount = wallet.pay(shop, sheet, amount=sheet["amount"] - 500)
    assert tampered_amount.status_code == 409
    assert tampered_amount.json()["error"] == (
        "The total for this address and shipping method is $44.00, not the amount the payment sheet showed. "
        "Nothing was charged. Please try again.")
    # A method of another zone (EU Standard): a real Saleor id, not offered for this address.
    eu_method = wallet.address(country="DE", state="", city="Berlin", postal_code="10117").json()["shippingRates"][0]["id"]
    sheet = wallet.address().json()
    tampered_method = wallet.pay(shop, sheet, shipping_method=eu_method)
    assert tampered_method.status_code == 409
    assert tampered_method.json()["error"] == "That shipping method isn't offered for this address. Nothing was charged."
    made_up = wallet.pay(shop, sheet, shipping_method="U2hpcHBpbmdNZXRob2Q6OTk5OTk=")
    assert made_up.status_code == 409 and "Nothing was charged" in made_up.json()["error"]
    no_street = wallet.pay(shop, sheet, line1="")
    assert no_street.status_code == 400 and no_street.json()["error"] == "The street address is missing."

    assert staff_api.orders_for(wallet.buyer.email) == []
    assert len(all_intents(shop)) == intents_before
    assert intents_of(shop, wallet.checkout_token) == []


def test_garbage_is_refused_with_a_4xx_in_plain_words(shop: Stack, new_buyer):
    wallet = wallet_buyer(new_buyer, "garbage")
    http = wallet.buyer.http

    def error_of(answer: httpx.Response, status: int) -> str:
        assert answer.status_code == status, answer.text
        return answer.json()["error"]

    assert error_of(http.post("/checkout/express/start/", content=b"{nope", headers={"Content-Type": "application/json"}),
                    400) == "The details sent are not valid JSON."
    assert error_of(wallet.call("start", [1, 2]), 400) == "The details sent must be a JSON object."
    assert error_of(http.post("/checkout/express/start/", data={"source": "cart"}), 415).startswith("Send the wallet's")
    assert error_of(http.post("/checkout/express/start/", content=b"{" + b" " * 20_000 + b"}",
                              headers={"Content-Type": "application/json"}), 413).startswith("The details sent are larger")
    assert error_of(wallet.call("start", {"source": "gift"}), 400) == "The wallet pays for a product or the cart, nothing else."
    assert error_of(wallet.call("start", {"source": "product", "product": "no-such-thing"}), 404) == "There is no such product."
    assert error_of(wallet.call("start", {"source": "product", "product": "ql-claw", "quantity": "lots"}), 400) == \
        "The quantity must be a whole number."
    assert error_of(wallet.call("start", {"source": "cart"}), 409) == "Your cart is empty. Add the QL Claw first."
    assert error_of(wallet.call("address", {"country": "USA"}), 400) == "The country must be a two-letter code, like US."
    # An address before the sheet was opened from the shop, and a payment method that is not one.
    assert "Please start again" in error_of(wallet.call("address", {"country": "US"}), 409)
    wallet.start()
    assert error_of(wallet.call("pay", {"payment_method": "tok_visa"}), 400)
    assert error_of(wallet.call("method", {"shipping_method": {"id": 1}}), 409) == "Choose an address in the payment sheet first."
    assert http.get("/checkout/express/start/").status_code == 405
    # From another site: refused before anything is read.
    foreign = http.post("/checkout/express/start/", json={"source": "cart"}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403


def test_a_burst_from_one_visitor_is_limited_with_retry_after(new_buyer):
    wallet = wallet_buyer(new_buyer, "burst")
    answers = [wallet.call("address", {"country": "USA"}).status_code for _ in range(65)]

    assert 429 in answers and set(answers) <= {400, 429}
    limited = wallet.call("address", {"country": "US"})
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "60"
    assert limited.json()["error"] == "Too many tries from your address. Please wait a minute."


def test_a_wallet_payment_for_the_cart_completes_with_one_order_one_capture_and_one_email(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, mailbox: Mailbox, stripe_wire: FaultProxy
):
    wallet = wallet_buyer(new_buyer, "pays")
    wallet.buyer.add_to_cart()
    cart_token = buyer_checkout_token(wallet.buyer)
    opened = wallet.start(source="cart")
    assert opened["lineItems"] == [{"name": "QL Claw", "amount": 3900}]
    sheet = wallet.address().json()
    express_token = wallet.checkout_token

    answer = wallet.pay(shop, sheet, name="Ada")  # a wallet may hold one name only

    assert answer.status_code == 200, answer.text
    order = assert_one_captured_order_and_one_email(shop, staff_api, stripe_wire, mailbox, wallet.buyer, express_token)
    assert answer.json() == {"next": f"/orders/{order['token']}/?placed=1"}
    [intent] = intents_of(shop, express_token)
    assert intent.amount == sheet["amount"] == 4400 and intent.payment_method.startswith("pm_")
    assert intents_of(shop, cart_token) == []
    # The cart was what the wallet bought: the session forgets it and a job empties it (no
    # reminder about items already ordered); the order page is the buyer's.
    assert "Your cart is empty" in wallet.buyer.http.get("/cart/").text
    deadline = time.monotonic() + 30
    while staff_api.execute("query($t: UUID!) { checkout(token: $t) { lines { id } } }", {"t": cart_token})["checkout"]["lines"]:
        assert time.monotonic() < deadline, "the bought cart was not emptied"
        time.sleep(0.3)
    assert "your order is placed" in wallet.buyer.http.get(answer.json()["next"]).text
    # Paying again (a double tap) charges nothing more: the same order.
    again = wallet.pay(shop, sheet)
    assert again.status_code in (200, 409)
    assert len(staff_api.orders_for(wallet.buyer.email)) == 1


def test_a_unit_added_after_the_sheet_opened_is_not_bought_and_stays_in_the_cart(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    wallet = wallet_buyer(new_buyer, "added-since")
    wallet.buyer.add_to_cart()
    cart_token = buyer_checkout_token(wallet.buyer)
    wallet.start(source="cart")
    sheet = wallet.address().json()
    express_token = wallet.checkout_token
    wallet.buyer.add_to_cart()  # another tab, while the sheet is open

    answer = wallet.pay(shop, sheet)

    assert answer.status_code == 200, answer.text
    [intent] = intents_of(shop, express_token)
    assert intent.amount == sheet["amount"] == 4400  # one unit, as the sheet showed
    deadline = time.monotonic() + 60  # a job: the worker may be busy with others
    while True:
        lines = staff_api.execute("query($t: UUID!) { checkout(token: $t) { lines { quantity } } }", {"t": cart_token})
        # The job keeps Saleor's answer as the cart's summary a moment after Saleor changed it:
        # the cart page is read until it shows the change too.
        page = wallet.buyer.http.get("/cart/").text
        if [line["quantity"] for line in lines["checkout"]["lines"]] == [1] and 'value="1"' in page:
            break
        assert time.monotonic() < deadline, (lines, re.findall(r'name="quantity"[^>]*', page))
        time.sleep(0.3)


@pytest.mark.parametrize("first", ["card", "wallet"])
def test_a_wallet_buyer_and_a_card_buyer_racing_for_the_last_unit_make_one_order(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, stock, first: str
):
    stock(2)  # both can start...
    wallet = wallet_buyer(new_buyer, f"race-{first}")
    wallet.start()
    sheet = wallet.address().json()
    wallet_token = wallet.checkout_token
    card = new_buyer(f"card-race-{first}-{uuid.uuid4().hex[:8]}@example.com")
    card.ready_to_pay()
    stock(1)  # ...then only one is left when they pay
    tokens = {"wallet": wallet_token, "card": buyer_checkout_token(card)}
    page = card.http.get("/checkout/")
    card_form = {"csrfmiddlewaretoken": csrf_token(page.text), "payment_token": card_token(shop, "4242424242424242")}
    responses: dict[str, httpx.Response] = {}

    def pay(who: str) -> None:
        if who == "card":
            responses[who] = card.http.post("/checkout/pay/", data=card_form, follow_redirects=True)
        else:
            responses[who] = wallet.pay(shop, sheet)

    second = "wallet" if first == "card" else "card"
    threads = {who: threading.Thread(target=pay, args=(who,)) for who in (first, second)}
    variant_id = staff_api.variant_stock("QLC-001")[0]
    with variant_lock_held(shop, variant_id) as lock:
        threads[first].start()
        lock.wait_until_waiting(1)  # the first holds the claim on the last unit and queues
        threads[second].start()
        threads[second].join(timeout=60)
        assert list(responses) == [second], "the second buyer should hear at once, while the first still waits"
        assert lock.waiting() == 1
    threads[first].join()

    emails = {"wallet": wallet.buyer.email, "card": card.email}
    if first == "wallet":
        assert responses["wallet"].status_code == 200 and responses["wallet"].json()["next"].startswith("/orders/")
        assert responses["card"].url.path == "/cart/"
        assert "someone bought the last one just before you" in responses["card"].text
        assert "has not been charged" in responses["card"].text
    else:
        assert responses["card"].url.path.startswith("/orders/"), responses["card"].text
        assert responses["wallet"].status_code == 409
        assert responses["wallet"].json() == {
            "error": "Sorry, someone bought the last one just before you. Your card has not been charged.", "sold_out": True}
    assert len(staff_api.orders_for(emails[first])) == 1
    assert staff_api.orders_for(emails[second]) == []
    assert intents_of(shop, tokens[second]) == []
    deadline = time.monotonic() + 30
    while [intent.status for intent in intents_of(shop, tokens[first])] != ["succeeded"]:
        assert time.monotonic() < deadline, intents_of(shop, tokens[first])
        time.sleep(0.3)
    assert staff_api.available("QLC-001") == 0
