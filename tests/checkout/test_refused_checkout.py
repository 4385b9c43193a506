"""A checkout Saleor refuses for a reason the buyer must fix is never submitted again by the
settle job, and the buyer is told the reason in words (here: a promo code used up by someone
else between applying it and paying)."""
from __future__ import annotations

import uuid

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_durable_orders import attempt_of, paying_buyer
from tests.checkout.test_payment import intents_of
from tests.saleor_api import SaleorStaffAPI

VOUCHER = """
from saleor.discount.models import Voucher
Voucher.objects.update_or_create(code={code!r}, defaults=dict(
    name="Once only", usage_limit=1, used={used}, discount_value_type="percentage", discount_value=10))
"""


def test_a_used_up_promo_code_is_named_and_the_refused_checkout_is_never_resubmitted(
    shop: Stack, new_buyer, staff_api: SaleorStaffAPI
):
    code = f"ONCE{uuid.uuid4().hex[:6].upper()}"
    shop.saleor_manage("shell", "-c", VOUCHER.format(code=code, used=0))
    buyer, checkout_token = paying_buyer(new_buyer, "voucher-used")
    applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": code})
    assert "Your promo code was applied." in applied.text
    shop.saleor_manage("shell", "-c", VOUCHER.format(code=code, used=1))  # another buyer used it

    page = buyer.pay(card=GOOD_CARD)

    assert page.url.path == "/checkout/"  # after a redirect: Back never re-sends the payment
    assert "promo code can no longer be used" in page.text
    assert "check your address" not in page.text
    assert attempt_of(shop, checkout_token)[0] == "failed"
    output = shop.storefront_manage("reconcile_payments", "--older-than-seconds", "0").stdout
    assert checkout_token not in output
    assert attempt_of(shop, checkout_token)[0] == "failed"
    assert intents_of(shop, checkout_token) == []  # no card was ever touched
    assert staff_api.orders_for(buyer.email) == []
