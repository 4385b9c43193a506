"""The wallet sheet's writes: its own Saleor checkout, priced for each address and method the
buyer picks in the sheet, then paid through the card form's completion (`checkout.completion`:
the same locks, `unknown` state, webhooks and settle job).

Only Saleor's figures are ever charged: the amount the sheet showed is compared with Saleor's
total before anything is charged, and a method the checkout does not offer is refused."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

from cart.selectors import PLACEHOLDER_EMAIL, Cart, get_cart
from cart.services import CartError, add_to_cart, multi_buy_code
from catalog.templatetags.money import money
from checkout import completion
from checkout import services as checkout_services
from checkout.completion import CheckoutStepError
from checkout.forms import DetailsForm
from checkout.outcomes import PaymentOutcome, declined
from checkout.selectors import country_names
from core.addresses import address_problems, address_rules
from jobs.queue import defer
from markets.selectors import is_sanctioned

from .selectors import Sheet, minor_units, sheet_for_checkout, shipped_to

logger = logging.getLogger(__name__)

# Stripe gives the shop a redacted address until the buyer pays (country, state, city and
# postal code; no name or street): Saleor prices a checkout only with a full one, so these
# stand in for the missing parts until the wallet's real address replaces them when paying.
STAND_IN = {"first_name": "Wallet", "last_name": "Buyer", "company_name": "",
            "street_address_1": "Address given in the wallet", "street_address_2": "", "city_area": "", "phone": ""}
NOT_CHARGED = "Nothing was charged."


class ExpressRefusal(Exception):
    """Said to the buyer in the wallet sheet; `status` is the HTTP answer's."""

    def __init__(self, message: str, *, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class WalletAddress:
    """The address a wallet gives, in Stripe's names (state: a code such as "OR" or a name)."""

    country: str
    state: str = ""
    city: str = ""
    postal_code: str = ""
    line1: str = ""
    line2: str = ""


def open_checkout(*, what: dict) -> str:
    """A Saleor checkout for the sheet: one product (the product page), or the cart's lines and
    promo code as the sheet opened with them (the cart). Returns its token."""
    try:
        if what.get("source") == "product":
            return add_to_cart(cart_token=None, variant_id=str(what["variant_id"]), quantity=int(what["quantity"])).token
        return _copy_of_cart(lines=[(str(variant), int(quantity)) for variant, quantity in what.get("lines") or []],
                             voucher_code=str(what.get("voucher_code") or ""))
    except CartError as error:
        raise ExpressRefusal(str(error), status=409) from error


def _copy_of_cart(*, lines: list[tuple[str, int]], voucher_code: str) -> str:
    if not lines:
        raise ExpressRefusal("Your cart is empty. Add the QL Claw first.", status=409)
    token: Optional[str] = None
    for variant_id, quantity in lines:
        token = add_to_cart(cart_token=token, variant_id=variant_id, quantity=quantity).token
    assert token is not None
    if voucher_code and voucher_code != multi_buy_code():
        copy = get_cart(token)
        try:
            if copy is not None:
                checkout_services.apply_promo_code(cart=copy, code=voucher_code)
        except CheckoutStepError as error:
            # The sheet then shows Saleor's total without it: the buyer sees what they pay.
            logger.info("A cart's promo code did not carry over to its wallet checkout: %s", error)
    return token


def _destination_problem(country: str) -> str:
    name = country_names().get(country, country)
    if is_sanctioned(country):
        return (f"We can't ship to {name}: the shop does not sell to countries under sanctions or embargoes. "
                "Please choose an address in another country.")
    if country not in shipped_to():
        return f"We don't ship to {name}. Please choose an address in a country we ship to."
    return ""


def _estimate_address(address: WalletAddress) -> dict[str, str]:
    """The redacted address as the address form's fields, with stand-ins for what it lacks."""
    fields = {**STAND_IN, "country": address.country, "country_area": address.state, "city": address.city,
              "postal_code": address.postal_code}
    rules = address_rules(address.country)
    if rules.country_area_choices:
        # Wallets give a state by code (US, CA) or by name: Saleor wants the code.
        by_name = {name.lower(): code for code, name in rules.country_area_choices}
        fields["country_area"] = by_name.get(address.state.lower(), address.state)
    if rules.city_in_street:
        fields["street_address_2"], fields["city"] = fields["city"], ""
    return fields


def _open(token: str) -> Cart:
    cart = get_cart(token)
    if cart is None or cart.is_empty:
        raise ExpressRefusal("This wallet payment is no longer open. Please start again.", status=409)
    return cart


def price_for_address(*, token: str, address: WalletAddress) -> Sheet:
    """Saleor's shipping methods and totals for the address the wallet shows (the chosen method
    kept when the new address has it, else the cheapest chosen)."""
    problem = _destination_problem(address.country)
    if problem:
        raise ExpressRefusal(problem)
    fields = _estimate_address(address)
    rules = address_rules(address.country)
    problems = address_problems(fields, rules)
    if problems:
        labels = {"postal_code": rules.postal_code_label, "country_area": rules.country_area_label,
                  "city": rules.city_label, "city_area": rules.city_area_label}
        raise ExpressRefusal(" ".join(f"{labels.get(field, 'Address')}: {message}" for field, message in problems.items()))
    cart = _open(token)
    try:
        cart = checkout_services.set_details(cart=cart, email=cart.email or PLACEHOLDER_EMAIL, address=fields)
    except CheckoutStepError as error:
        raise ExpressRefusal(" ".join(error.field_errors.values()) or str(error)) from error
    if not cart.shipping_options:
        raise ExpressRefusal(f"We have no shipping method for this address in {country_names().get(address.country, address.country)}.")
    kept = cart.shipping_method_id if cart.shipping_method_id in {o.id for o in cart.shipping_options} else None
    return _with_method(cart, kept or cart.suggested_shipping_method_id)


def choose_method(*, token: str, shipping_method_id: str) -> Sheet:
    return _with_method(_open(token), shipping_method_id)


def _with_method(cart: Cart, shipping_method_id: str) -> Sheet:
    try:
        cart = checkout_services.set_shipping_method(cart=cart, shipping_method_id=shipping_method_id)
    except CheckoutStepError as error:
        raise ExpressRefusal(f"{error} {NOT_CHARGED}") from error
    return sheet_for_checkout(cart)


def pay(*, token: str, email: str, name: str, address: WalletAddress, phone: str, shipping_method_id: str,
        payment_method: str, amount: int, landing: tuple[str, str]) -> PaymentOutcome:
    """The wallet's full address and e-mail on the checkout, the method checked against what
    Saleor offers and the amount against Saleor's total, then the card form's completion."""
    problem = _destination_problem(address.country)
    if problem:
        raise ExpressRefusal(f"{problem} {NOT_CHARGED}")
    first_name, _, last_name = name.strip().rpartition(" ")
    fields = {"email": email, "country": address.country, "first_name": first_name or last_name,
              "last_name": last_name if first_name else "", "company_name": "", "street_address_1": address.line1,
              "street_address_2": address.line2, "city": address.city, "city_area": "", "postal_code": address.postal_code,
              "country_area": _estimate_address(address)["country_area"], "phone": phone}
    form = DetailsForm(fields, country=address.country)
    form.fields["last_name"].required = False  # a wallet may hold one name only ("Cher"); Saleor takes it
    if not form.is_valid():
        said = "; ".join(f"{form.fields[field].label if field in form.fields else 'Address'}: {errors[0]}"
                         for field, errors in form.errors.items())
        raise ExpressRefusal(f"Please check the address in your wallet. {said}. {NOT_CHARGED}")
    cart = _open(token)
    try:
        cart = checkout_services.set_details(cart=cart, email=form.cleaned_data["email"], address=form.address())
    except CheckoutStepError as error:
        said = " ".join(error.field_errors.values()) or str(error)
        raise ExpressRefusal(f"Please check the address in your wallet. {said} {NOT_CHARGED}") from error
    if shipping_method_id not in {option.id for option in cart.shipping_options}:
        raise ExpressRefusal(f"That shipping method isn't offered for this address. {NOT_CHARGED}", status=409)
    try:
        cart = checkout_services.set_shipping_method(cart=cart, shipping_method_id=shipping_method_id)
    except CheckoutStepError as error:
        raise ExpressRefusal(f"{error} {NOT_CHARGED}", status=409) from error
    if minor_units(cart.total) != amount:
        raise ExpressRefusal(
            f"The total for this address and shipping method is {money(cart.total.amount, cart.total.currency)}, "
            f"not the amount the payment sheet showed. {NOT_CHARGED} Please try again.", status=409)
    try:
        return completion.pay(cart_token=token, payment_token=payment_method, landing=landing)
    except CheckoutStepError as error:
        return declined(str(error))


def retire_bought_cart(*, cart_token: str, lines: list) -> None:
    """After a wallet order paid for the cart's lines (in the sheet's own checkout): those units
    leave the cart, by a job (retried until Saleor answers; the order is already recorded)."""
    defer("express.tasks.empty_bought_cart", cart_token=cart_token, lines=lines)
