"""Promo codes as buyers type them: any case, stray spaces; a code that does not exist is
refused in plain words, and a removal Saleor refuses is a message, not an error page."""
from __future__ import annotations

import re
import uuid
from html import unescape

import psycopg
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.checkout.test_checkout_steps import field_error
from tests.checkout.test_payment import buyer_checkout_token
from tests.faults import FaultProxy

DISCOUNT = re.compile(r'id="summary-discount">−\$3\.90<')
TOTAL_AFTER_DISCOUNT = re.compile(r'id="summary-total">\$40\.10<')


@pytest.fixture
def buyer_at_payment(buyer: Buyer) -> Buyer:
    buyer.ready_to_pay()
    return buyer


@pytest.mark.parametrize("typed", ["welcome10", " WELCOME10 ", "Welcome 10"])
def test_a_promo_code_applies_in_any_case_and_with_stray_spaces(buyer_at_payment: Buyer, typed: str):
    page = buyer_at_payment.post_form("/checkout/", "/checkout/promo-code/", {"code": typed})

    assert page.url.path == "/checkout/"
    assert "Your promo code was applied." in page.text
    assert "Promo code <strong>WELCOME10</strong> applied." in page.text
    assert DISCOUNT.search(page.text) and TOTAL_AFTER_DISCOUNT.search(page.text)


def test_a_code_that_does_not_exist_gets_the_plain_refusal(buyer_at_payment: Buyer):
    page = buyer_at_payment.post_form("/checkout/", "/checkout/promo-code/", {"code": "SAVE20"})

    assert page.url.path == "/checkout/"
    assert "We don't recognise this code. Please check it and try again." in field_error(unescape(page.text), "code")
    assert 'value="SAVE20"' in page.text
    assert not DISCOUNT.search(page.text)
    # Shown once: the refusal does not come back on the next visit.
    assert "We don't recognise this code" not in buyer_at_payment.http.get("/checkout/").text


def test_a_code_created_in_lower_case_applies_as_typed(shop: Stack, buyer_at_payment: Buyer):
    code = f"spr-{uuid.uuid4().hex[:6]}"  # Saleor keeps at most 12 characters
    shop.saleor_manage("shell", "-c", (
        "from saleor.discount.models import Voucher\n"
        f"Voucher.objects.create(code={code!r}, name='Spring', discount_value_type='percentage', discount_value=10)\n"
    ))

    page = buyer_at_payment.post_form("/checkout/", "/checkout/promo-code/", {"code": f" {code} "})

    assert "Your promo code was applied." in page.text
    assert f"Promo code <strong>{code}</strong> applied." in page.text
    assert DISCOUNT.search(page.text)


def test_a_removal_saleor_refuses_is_a_plain_message_not_an_error_page(
    shop: Stack, buyer_at_payment: Buyer, saleor_wire: FaultProxy
):
    buyer = buyer_at_payment
    assert "applied." in buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "WELCOME10"}).text
    token = buyer_checkout_token(buyer)
    page = buyer.http.get("/checkout/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    # The checkout disappears in Saleor (an order placed in another tab) while the storefront's
    # summary of it, kept from the page just shown, still holds it: the removal is the first
    # Saleor hears of this post, and Saleor answers with an error.
    with psycopg.connect(shop.database_url("saleor")) as db:
        db.execute("DELETE FROM checkout_checkoutline WHERE checkout_id = %s", (token,))
        db.execute("DELETE FROM checkout_checkout WHERE token = %s", (token,))
    saleor_wire.count_requests_with(b"CheckoutRemovePromoCode")
    answer = buyer.http.post("/checkout/promo-code/", data={"csrfmiddlewaretoken": csrf, "remove": "1"},
                             follow_redirects=True)

    assert saleor_wire.counted == 1, "the removal should have reached Saleor"
    assert answer.status_code == 200
    assert "The promo code could not be removed. Please reload the page and try again." in answer.text
