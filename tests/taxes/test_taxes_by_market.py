"""Tax by market through the real checkout (offline rates file): what Saleor totals, what the
buyer is charged at localstripe and what the order records all agree, for each market."""
import re
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from deploy.runner.layout import CATALOG_FILE
from deploy.runner.stack import Stack
from tests.checkout.buyer import GOOD_CARD
from tests.checkout.test_payment import buyer_checkout_token, intents_of
from tests.saleor_api import SaleorStaffAPI

RATES = yaml.safe_load((Path(CATALOG_FILE).parent / "tax_rates.yaml").read_text())
PRICE = Decimal("39.00")
CENT = Decimal("0.01")

ADDRESSES = {
    "CA": dict(street_address_1="1600 Amphitheatre Parkway", city="Mountain View", postal_code="94043",
               country="US", country_area="CA"),
    "TX": dict(street_address_1="1100 Congress Avenue", city="Austin", postal_code="78701", country="US",
               country_area="TX"),
    "DE": dict(street_address_1="Unter den Linden 6", city="Berlin", postal_code="10117", country="DE", country_area=""),
    "GB": dict(street_address_1="12 St James's Square", city="London", postal_code="SW1Y 4LB", country="GB",
               country_area=""),
    "JP": dict(street_address_1="1-1 Chiyoda", city="Chiyoda-ku", postal_code="100-8111", country="JP",
               country_area="東京都"),
}


def method_price(method: str) -> Decimal:
    catalog = yaml.safe_load(CATALOG_FILE.read_text())
    return next(Decimal(m["price"]) for market in catalog["markets"] for m in market["methods"] if m["name"] == method)


def tax(amount: Decimal, rate: str | Decimal) -> Decimal:
    return (amount * Decimal(rate)).quantize(CENT, rounding=ROUND_HALF_UP)


def checkout_prices(staff_api: SaleorStaffAPI, token: str) -> dict:
    data = staff_api.execute(
        "query($t: UUID!) { checkout(token: $t) { totalPrice { net { amount } gross { amount } tax { amount } } "
        "shippingPrice { net { amount } gross { amount } } lines { totalPrice { net { amount } gross { amount } } } } }",
        {"t": token},
    )["checkout"]
    return data


def order_of(staff_api: SaleorStaffAPI, email: str) -> dict:
    [summary] = staff_api.wait_for_orders(email)
    return staff_api.execute(
        "query($id: ID!) { order(id: $id) { total { net { amount } gross { amount } tax { amount } } "
        "shippingPrice { net { amount } gross { amount } } lines { quantity unitPrice { net { amount } gross { amount } } } "
        "metadata { key value } payments { total { amount } capturedAmount { amount } } } }",
        {"id": summary["id"]},
    )["order"]


def amount(money: dict) -> Decimal:
    return Decimal(str(money["amount"])).quantize(CENT)


def buy(shop: Stack, new_buyer, staff_api: SaleorStaffAPI, where: str, method: str, quantity: int = 1):
    buyer = new_buyer(f"tax-{where.lower()}-{uuid.uuid4().hex[:8]}@example.com")
    buyer.add_to_cart(quantity)
    page = buyer.enter_details(**ADDRESSES[where])
    assert page.url.path == "/checkout/", re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page.text, re.S)
    assert buyer.choose_shipping(method).url.path == "/checkout/"
    token = buyer_checkout_token(buyer)
    before = checkout_prices(staff_api, token)
    paid = buyer.pay(card=GOOD_CARD)
    assert paid.url.path.startswith("/orders/"), re.findall(r"message-error\">([^<]*)", paid.text)
    order = order_of(staff_api, buyer.email)
    [intent] = intents_of(shop, token)
    return before, order, intent


def assert_charged(before: dict, order: dict, intent, *, net: Decimal, tax_amount: Decimal) -> None:
    """Saleor's checkout total = the order's total = what localstripe was asked for and captured."""
    gross = net + tax_amount
    assert (amount(before["totalPrice"]["net"]), amount(before["totalPrice"]["tax"]), amount(before["totalPrice"]["gross"])) == (
        net, tax_amount, gross)
    assert (amount(order["total"]["net"]), amount(order["total"]["tax"]), amount(order["total"]["gross"])) == (
        net, tax_amount, gross)
    assert Decimal(intent.amount) / 100 == gross
    assert intent.status == "succeeded"  # captured once the order existed
    assert [amount(payment["capturedAmount"]) for payment in order["payments"]] == [gross]


def metadata(order: dict) -> dict:
    return {item["key"]: item["value"] for item in order["metadata"] if item["key"].startswith("tax.")}


def test_california_pays_the_files_state_rate_on_the_goods_and_shipping_as_the_file_says(shop, new_buyer, staff_api):
    state = RATES["us_states"]["CA"]
    shipping = method_price("Standard")
    expected_tax = tax(PRICE, state["rate"]) + (tax(shipping, state["rate"]) if state["shipping_taxable"] else 0)

    before, order, intent = buy(shop, new_buyer, staff_api, "CA", "Standard")

    assert expected_tax > 0
    assert_charged(before, order, intent, net=PRICE + shipping, tax_amount=expected_tax)
    [line] = order["lines"]
    assert amount(line["unitPrice"]["gross"]) - amount(line["unitPrice"]["net"]) == tax(PRICE, state["rate"])
    assert metadata(order) == {"tax.backend": "offline", "tax.market": "US", "tax.label": "CA sales tax 7.25 %",
                               "tax.rate": state["rate"], "tax.duties": "none"}


def test_texas_is_not_a_nexus_state_and_pays_no_sales_tax(shop, new_buyer, staff_api):
    assert "TX" in RATES["us_states"]  # the file knows Texas; the nexus setting (CA) leaves it out

    before, order, intent = buy(shop, new_buyer, staff_api, "TX", "Standard")

    assert_charged(before, order, intent, net=PRICE + method_price("Standard"), tax_amount=Decimal("0.00"))
    assert metadata(order) == {"tax.backend": "offline", "tax.market": "US", "tax.label": "", "tax.rate": "0",
                               "tax.duties": "none"}


@pytest.mark.parametrize(
    "where, method, rate, market, label",
    [
        ("DE", "EU Standard", RATES["eu_vat"]["DE"]["rate"], "EU", "VAT 19 % (DE)"),
        ("GB", "UK Standard", RATES["uk_vat"]["rate"], "UK", "VAT 20 % (GB)"),
    ],
)
def test_eu_and_uk_buyers_pay_their_countrys_vat_on_goods_and_shipping(
    shop, new_buyer, staff_api, where, method, rate, market, label
):
    shipping = method_price(method)

    before, order, intent = buy(shop, new_buyer, staff_api, where, method)

    assert_charged(before, order, intent, net=PRICE + shipping, tax_amount=tax(PRICE, rate) + tax(shipping, rate))
    [line] = before["lines"]
    assert amount(line["totalPrice"]["gross"]) == PRICE + tax(PRICE, rate)  # the price shown incl. VAT
    assert amount(order["shippingPrice"]["gross"]) == shipping + tax(shipping, rate)
    assert metadata(order) == {"tax.backend": "offline", "tax.market": market, "tax.label": label,
                               "tax.rate": rate.rstrip("0"), "tax.duties": "DDP"}


def test_japan_pays_no_tax_at_checkout_and_the_order_says_duties_are_due_on_delivery(shop, new_buyer, staff_api):
    before, order, intent = buy(shop, new_buyer, staff_api, "JP", "International")

    assert_charged(before, order, intent, net=PRICE + method_price("International"), tax_amount=Decimal("0.00"))
    assert metadata(order) == {"tax.backend": "offline", "tax.market": "ROW", "tax.label": "", "tax.rate": "0",
                               "tax.duties": "DAP"}


def test_an_eu_parcel_over_150_euros_is_sent_dap_without_vat_collected(shop, new_buyer, staff_api):
    threshold = Decimal(RATES["thresholds"]["eu_ioss"]["amount"]) * Decimal(
        RATES["exchange_rates"]["EUR"]["shop_currency_per_unit"])
    quantity = int(threshold // PRICE) + 1  # the fewest units worth more than EUR 150
    assert (quantity - 1) * PRICE <= threshold < quantity * PRICE

    before, order, intent = buy(shop, new_buyer, staff_api, "DE", "EU Standard", quantity=quantity)

    assert_charged(before, order, intent, net=quantity * PRICE + method_price("EU Standard"), tax_amount=Decimal("0.00"))
    assert metadata(order) == {"tax.backend": "offline", "tax.market": "EU", "tax.label": "", "tax.rate": "0",
                               "tax.duties": "DAP"}


def test_a_promo_code_gives_back_the_vat_in_its_discount(shop, new_buyer, staff_api):
    rate = Decimal(RATES["eu_vat"]["DE"]["rate"])
    shipping = method_price("EU Standard")
    buyer = new_buyer(f"tax-promo-{uuid.uuid4().hex[:8]}@example.com")
    buyer.add_to_cart()
    assert buyer.enter_details(**ADDRESSES["DE"]).url.path == "/checkout/"
    buyer.choose_shipping("EU Standard")
    applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": "WELCOME10"})
    assert "Your promo code was applied." in applied.text
    token = buyer_checkout_token(buyer)
    discount = amount(staff_api.execute("query($t: UUID!) { checkout(token: $t) { discount { amount } } }",
                                        {"t": token})["checkout"]["discount"])
    # WELCOME10 takes 10 % of the subtotal with its VAT; the VAT in that share is not owed.
    assert discount == (Decimal("0.10") * (PRICE + tax(PRICE, rate))).quantize(CENT, rounding=ROUND_HALF_UP)
    vat_given_back = tax(discount / (1 + rate), rate)
    gross = PRICE + tax(PRICE, rate) + shipping + tax(shipping, rate) - discount
    before = checkout_prices(staff_api, token)

    paid = buyer.pay(card=GOOD_CARD)

    assert paid.url.path.startswith("/orders/")
    order = order_of(staff_api, buyer.email)
    [intent] = intents_of(shop, token)
    assert_charged(before, order, intent, net=gross - (tax(PRICE, rate) + tax(shipping, rate) - vat_given_back),
                   tax_amount=tax(PRICE, rate) + tax(shipping, rate) - vat_given_back)


FREE_SHIPPING = """
from saleor.discount.models import Voucher
Voucher.objects.update_or_create(code={code!r}, defaults=dict(
    name="Free shipping", type="shipping", discount_value_type="percentage", discount_value=100))
"""


@pytest.mark.parametrize(
    "where, method, goods_rate, shipping_rate",
    [
        # California does not tax shipping: a free-shipping code gives back no tax.
        ("CA", "Standard", RATES["us_states"]["CA"]["rate"],
         RATES["us_states"]["CA"]["rate"] if RATES["us_states"]["CA"]["shipping_taxable"] else "0"),
        ("DE", "EU Standard", RATES["eu_vat"]["DE"]["rate"], RATES["eu_vat"]["DE"]["rate"]),
    ],
)
def test_a_free_shipping_code_gives_back_the_shipping_and_only_the_tax_on_the_shipping(
    shop, new_buyer, staff_api, where, method, goods_rate, shipping_rate
):
    code = f"FREESHIP{uuid.uuid4().hex[:4].upper()}"  # 12 characters at most
    shop.saleor_manage("shell", "-c", FREE_SHIPPING.format(code=code))
    shipping = method_price(method)
    buyer = new_buyer(f"tax-shipfree-{where.lower()}-{uuid.uuid4().hex[:8]}@example.com")
    buyer.add_to_cart()
    assert buyer.enter_details(**ADDRESSES[where]).url.path == "/checkout/"
    buyer.choose_shipping(method)
    applied = buyer.post_form("/checkout/", "/checkout/promo-code/", {"code": code})
    assert "Your promo code was applied." in applied.text
    token = buyer_checkout_token(buyer)
    discount = amount(staff_api.execute("query($t: UUID!) { checkout(token: $t) { discount { amount } } }",
                                        {"t": token})["checkout"]["discount"])
    assert discount == shipping + tax(shipping, shipping_rate)  # the shipping with its tax, if any
    before = checkout_prices(staff_api, token)

    paid = buyer.pay(card=GOOD_CARD)

    assert paid.url.path.startswith("/orders/")
    order = order_of(staff_api, buyer.email)
    [intent] = intents_of(shop, token)
    # The buyer pays the goods and the tax on them; no goods tax was given back with the shipping.
    assert_charged(before, order, intent, net=PRICE, tax_amount=tax(PRICE, goods_rate))
