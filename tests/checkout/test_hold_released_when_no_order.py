"""A card held for a checkout whose order Saleor then cannot make is released: Saleor 2.10.1
charges (authorises) first and allocates stock after, and an `InsufficientStock` raised there
is not caught, so the buyer would be held with no order. The storefront releases the hold
(completion._ended_without_order) before telling the buyer "not charged"."""
from __future__ import annotations

import threading
import time

import psycopg

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_durable_orders import attempt_of, paying_buyer, query
from tests.checkout.test_payment import intents_of
from tests.faults import FaultProxy
from tests.saleor_api import SaleorStaffAPI

# The confirm call is the one that puts the hold on the card.
CONFIRM = b"/confirm HTTP/1.1"
# Every unit left given away: what an order made by Saleor's admin, or a stock count, does.
NONE_LEFT = (
    "UPDATE warehouse_stock s SET quantity = (SELECT coalesce(sum(a.quantity_allocated), 0) "
    "FROM warehouse_allocation a WHERE a.stock_id = s.id) "
    "WHERE s.product_variant_id = (SELECT id FROM product_productvariant WHERE sku = 'QLC-001')"
)


def test_a_hold_whose_order_saleor_cannot_make_is_released_and_the_buyer_told_not_charged(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI, stripe_wire: FaultProxy, stock
):
    stock(5)
    buyer, checkout_token = paying_buyer(new_buyer, "no-order")
    # Stripe's answer to the confirmation is held back for a second: Saleor has checked the
    # stock and is waiting for the hold; the last units go meanwhile.
    stripe_wire.delay_responses(CONFIRM, 1.0)
    stripe_wire.count_requests_with(CONFIRM)
    with psycopg.connect(shop.database_url("saleor"), autocommit=True) as saleor_db:
        sold_out: list[bool] = []

        def sell_out_once_the_card_is_being_held() -> None:
            deadline = time.monotonic() + 20
            while stripe_wire.counted < 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            if stripe_wire.counted >= 1:
                saleor_db.execute(NONE_LEFT)
                sold_out.append(True)

        seller = threading.Thread(target=sell_out_once_the_card_is_being_held)
        seller.start()
        try:
            page = buyer.pay(card=GOOD_CARD)
        finally:
            seller.join()
            stripe_wire.heal()
    assert sold_out, "Saleor never asked Stripe to hold the card"

    [intent] = intents_of(shop, checkout_token)
    assert intent.status == "canceled"  # the hold is gone from the card
    assert stripe_wire.requests_to(f"/v1/payment_intents/{intent.id}/cancel") == 1
    assert staff_api.orders_for(buyer.email) == []
    assert attempt_of(shop, checkout_token) == ("failed", None)
    assert query(shop, "SELECT intent_id, amount::text FROM checkout_releasedhold WHERE checkout_token = %s",
                 checkout_token) == [(intent.id, "44.00")]
    assert "Your card has not been charged" in page.text
    assert stripe_wire.requests_to(f"/v1/payment_intents/{intent.id}/capture") == 0
