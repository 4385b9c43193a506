"""A checkout attempt changes status only along CheckoutAttempt's ALLOWED_MOVES: a paid order
can never be turned back into a declined payment, whatever code tries it."""
from __future__ import annotations

import uuid

from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_payment import buyer_checkout_token
from tests.checkout.test_webhooks import attempt_status
from tests.storefront_shell import storefront_python

TRY_TO_DECLINE = """
from checkout.models import CheckoutAttempt, ForbiddenMove
attempt = CheckoutAttempt.objects.get(checkout_token="{token}")
try:
    attempt.move_to(CheckoutAttempt.Status.DECLINED, last_error="a late refusal")
except ForbiddenMove as refusal:
    print("refused:", refusal)
else:
    print("moved")
"""


def test_a_paid_attempt_cannot_be_moved_to_declined(shop: Stack, new_buyer):
    buyer = new_buyer(f"moves-{uuid.uuid4().hex[:8]}@example.com")
    buyer.ready_to_pay()
    checkout_token = buyer_checkout_token(buyer)
    assert buyer.pay(card=GOOD_CARD).url.path.startswith("/orders/")
    status, _, order_token = attempt_status(shop, checkout_token)
    assert status == "completed" and order_token is not None

    result = storefront_python(shop, TRY_TO_DECLINE.format(token=checkout_token))

    assert result.returncode == 0, result.stderr
    assert f"refused: Checkout attempt {checkout_token}: completed -> declined is not allowed" in result.stdout
    assert attempt_status(shop, checkout_token) == ("completed", "", order_token)
