"""Two buyers race for the last QL Claw: one order, stock 0, the other told it sold out,
and not charged (Saleor checks stock before it charges, and the storefront's lock makes
that check see the winner's allocation)."""
import re
import threading
import uuid

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD, card_token
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.saleor_api import SaleorStaffAPI


def test_two_buyers_racing_for_the_last_unit_end_with_one_order_and_no_second_charge(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, stock
):
    stock(2)  # both can put one in their cart...
    buyers = [new_buyer(f"race-{n}-{uuid.uuid4().hex[:6]}@example.com") for n in range(2)]
    for buyer in buyers:
        buyer.ready_to_pay()
    stock(1)  # ...then only one is left when they pay
    checkout_tokens = [buyer_checkout_token(buyer) for buyer in buyers]
    forms = []
    for buyer in buyers:
        page = buyer.http.get("/checkout/payment/")
        forms.append({
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1),
            "payment_token": card_token(shop, GOOD_CARD),
        })
    start = threading.Barrier(2)
    responses: dict[int, httpx.Response] = {}

    def pay(index: int) -> None:
        start.wait()
        responses[index] = buyers[index].http.post("/checkout/pay/", data=forms[index], follow_redirects=True)

    threads = [threading.Thread(target=pay, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [i for i, response in responses.items() if response.url.path.startswith("/orders/")]
    losers = [i for i in responses if i not in winners]
    assert len(winners) == 1 and len(losers) == 1
    loser = losers[0]
    assert responses[loser].url.path == "/cart/"
    assert "someone bought the last one just before you" in responses[loser].text
    assert "has not been charged" in responses[loser].text
    assert len(staff_api.orders_for(buyers[winners[0]].email)) == 1
    assert staff_api.orders_for(buyers[loser].email) == []
    assert intents_of(shop, checkout_tokens[loser]) == []
    assert [intent.status for intent in intents_of(shop, checkout_tokens[winners[0]])] == ["succeeded"]
    assert staff_api.available("QLC-001") == 0
