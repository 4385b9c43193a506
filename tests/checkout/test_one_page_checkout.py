"""The one-page checkout's save: the page's script sends the form with fetch and gets Saleor's
shipping options and totals back as JSON; without JavaScript the same form POST saves and
redirects to the page; anything else is refused in plain words, never with a 500."""
from __future__ import annotations

from decimal import Decimal

import httpx

from tests.checkout.buyer import US_ADDRESS, Buyer, csrf_token
from tests.checkout.test_payment import buyer_checkout_token
from tests.saleor_api import SaleorStaffAPI

JSON = {"Accept": "application/json"}


def save_in_place(buyer: Buyer, data: dict) -> httpx.Response:
    """What checkout.js sends: the checkout form, asking for JSON."""
    page = buyer.http.get("/checkout/")
    token = csrf_token(page.text) or buyer.http.cookies.get("csrftoken", "")
    return buyer.http.post("/checkout/", data={"csrfmiddlewaretoken": token, **data}, headers=JSON)


def saleor_checkout(staff_api: SaleorStaffAPI, buyer: Buyer) -> dict:
    return staff_api.execute(
        "query($t: UUID!) { checkout(token: $t) { email shippingMethod { id } "
        "availableShippingMethods { id name price { amount currency } } "
        "subtotalPrice { gross { amount } } shippingPrice { gross { amount } } "
        "totalPrice { gross { amount currency } tax { amount } } } }",
        {"t": buyer_checkout_token(buyer)},
    )["checkout"]


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_save_answers_with_saleors_shipping_options_and_totals_to_the_cent(buyer: Buyer, staff_api: SaleorStaffAPI):
    buyer.add_to_cart()

    saved = save_in_place(buyer, {**US_ADDRESS, "email": buyer.email})

    assert saved.status_code == 200, saved.text
    answer = saved.json()
    checkout = saleor_checkout(staff_api, buyer)
    assert checkout["email"] == buyer.email
    offered = {option["id"]: cents(option["price"]["amount"]) for option in checkout["availableShippingMethods"]}
    assert {option["id"]: cents(option["price"]) for option in answer["shipping_options"]} == offered
    # The cheapest method is saved with the address: the total already counts it.
    cheapest = min(offered, key=lambda method: offered[method])
    assert answer["shipping_method_id"] == checkout["shippingMethod"]["id"] == cheapest
    totals = answer["totals"]
    assert cents(totals["subtotal"]) == cents(checkout["subtotalPrice"]["gross"]["amount"]) == Decimal("39.00")
    assert cents(totals["shipping"]) == cents(checkout["shippingPrice"]["gross"]["amount"]) == offered[cheapest]
    assert cents(totals["total"]) == cents(checkout["totalPrice"]["gross"]["amount"]) == Decimal("44.00")
    assert totals["currency"] == checkout["totalPrice"]["gross"]["currency"] == "USD"
    assert answer["pay_label"] == "Pay $44.00"
    assert 'id="summary-total">$44.00<' in answer["summary_html"]
    assert "<strong>$44.00</strong>" in answer["summary_bar_html"]
    assert f'value="{cheapest}" checked' in answer["shipping_html"]

    # Another method: Saleor's new total comes back, and the Pay button's words with it.
    express = next(method for method in offered if method != cheapest)
    changed = save_in_place(buyer, {**US_ADDRESS, "email": buyer.email, "shipping_method": express}).json()
    checkout = saleor_checkout(staff_api, buyer)
    assert changed["shipping_method_id"] == checkout["shippingMethod"]["id"] == express
    assert cents(changed["totals"]["total"]) == cents(checkout["totalPrice"]["gross"]["amount"]) == Decimal("39.00") + offered[express]
    assert changed["pay_label"] == f"Pay ${cents(checkout['totalPrice']['gross']['amount'])}"


def test_a_new_country_gives_that_countrys_options_and_drops_a_method_it_does_not_offer(buyer: Buyer, staff_api: SaleorStaffAPI):
    buyer.add_to_cart()
    us = save_in_place(buyer, {**US_ADDRESS, "email": buyer.email}).json()

    german = save_in_place(buyer, {
        **US_ADDRESS, "email": buyer.email, "street_address_1": "Unter den Linden 1", "city": "Berlin",
        "postal_code": "10117", "country": "DE", "country_area": "", "shipping_method": us["shipping_method_id"],
    })

    assert german.status_code == 200, german.text
    answer = german.json()
    assert [option["name"] for option in answer["shipping_options"]] == ["EU Standard"]
    checkout = saleor_checkout(staff_api, buyer)
    assert answer["shipping_method_id"] == checkout["shippingMethod"]["id"] != us["shipping_method_id"]
    assert cents(answer["totals"]["total"]) == cents(checkout["totalPrice"]["gross"]["amount"])
    assert answer["totals"]["currency"] == checkout["totalPrice"]["gross"]["currency"]


def test_the_country_fields_come_back_in_place(buyer: Buyer):
    buyer.add_to_cart()

    answer = save_in_place(buyer, {"country": "JP", "change_country": "1", "email": buyer.email})

    assert answer.status_code == 200
    fields = answer.json()["fields_html"]
    assert '<label for="id_city">City / ward:</label>' in fields
    assert f'value="{buyer.email}"' in fields and 'name="street_address_2"' not in fields


def test_refused_fields_and_garbage_get_a_400_in_plain_words(buyer: Buyer, staff_api: SaleorStaffAPI):
    buyer.add_to_cart()

    empty = save_in_place(buyer, {})
    assert empty.status_code == 400
    answer = empty.json()
    assert answer["error"] == "Please correct the highlighted fields."
    assert answer["errors"]["email"] == ["Please enter your e-mail address."]
    assert 'id="error-summary"' in answer["fields_html"] and "autofocus" in answer["fields_html"]

    garbage = save_in_place(buyer, {**US_ADDRESS, "email": "buyer@example.com", "country": "\x00<script>",
                                    "postal_code": "x" * 5000, "shipping_method": "\x00" * 300})
    assert garbage.status_code == 400
    assert "We can't ship to this country" in garbage.json()["errors"]["country"][0]

    token = csrf_token(buyer.http.get("/checkout/").text)
    not_a_form = buyer.http.post("/checkout/", content=b'{"email": [1, 2]}',
                                 headers={**JSON, "Content-Type": "application/json", "X-CSRFToken": token})
    assert not_a_form.status_code == 400
    assert not_a_form.json()["error"] == "Please correct the highlighted fields."
    # Nothing reached Saleor: no e-mail, no address (so no shipping methods).
    checkout = saleor_checkout(staff_api, buyer)
    assert checkout["email"] != "buyer@example.com" and checkout["availableShippingMethods"] == []


def test_without_javascript_one_submit_saves_the_address_and_method_and_redirects(buyer: Buyer, staff_api: SaleorStaffAPI):
    buyer.add_to_cart()

    sent = buyer.post_form("/checkout/", "/checkout/", {**US_ADDRESS, "email": buyer.email}, follow=False)

    assert sent.status_code == 302 and sent.headers["location"] == "/checkout/"
    checkout = saleor_checkout(staff_api, buyer)
    assert checkout["shippingMethod"] is not None
    page = buyer.http.get("/checkout/").text
    assert f'value="{checkout["shippingMethod"]["id"]}" checked' in page
    assert 'id="summary-total">$44.00<' in page and ">Pay $44.00</button>" in page
    assert "Paying by card needs JavaScript" in page
    # A method changed on the same form: one more submit, the new total.
    express = next(option["id"] for option in checkout["availableShippingMethods"] if option["name"] == "Express")
    again = buyer.post_form("/checkout/", "/checkout/", {**US_ADDRESS, "email": buyer.email, "shipping_method": express})
    assert again.url.path == "/checkout/"
    assert saleor_checkout(staff_api, buyer)["shippingMethod"]["id"] == express
    assert ">Pay $54.00</button>" in again.text


def test_buy_now_on_the_product_page_goes_straight_to_the_checkout(buyer: Buyer):
    variant = buyer.product_variant_id()

    bought = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": variant, "quantity": 1, "then": "checkout"},
                             follow=False)
    added = buyer.post_form("/products/ql-claw/", "/cart/add/", {"variant_id": variant, "quantity": 1, "then": "//x.example/"},
                            follow=False)

    assert bought.status_code == 302 and bought.headers["location"] == "/checkout/"
    assert added.status_code == 302 and added.headers["location"] == "/cart/"  # any other value: the cart
    page = buyer.http.get("/checkout/").text
    assert "Added to your cart." in page and "2 items" in page
