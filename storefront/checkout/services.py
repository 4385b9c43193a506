"""The checkout before the payment: details, shipping method, promo code.

Paying and completing live in `completion.py`.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from cart.selectors import Cart, cart_from_saleor
from cart.services import apply_multi_buy, multi_buy_code
from cart.summary import cart_changed
from catalog.selectors import multi_buy
from catalog.templatetags.money import money
from core.addresses import address_rules, postal_code_problem
from saleor_client.client import saleor
from saleor_client.errors import SaleorValidationError, present, raise_for_errors
from saleor_client.generated.fragments import CartDetails
from saleor_client.generated.input_types import AddressInput

from .completion import CheckoutStepError

# Saleor's field names (camelCase) -> the address form's fields.
SALEOR_FIELDS = {
    "email": "email",
    "firstName": "first_name",
    "lastName": "last_name",
    "companyName": "company_name",
    "streetAddress1": "street_address_1",
    "streetAddress2": "street_address_2",
    "city": "city",
    "cityArea": "city_area",
    "postalCode": "postal_code",
    "country": "country",
    "countryArea": "country_area",
    "phone": "phone",
}
FIELD_MESSAGES = {
    "country_area": "Please choose a valid state, province or region for this country.",
    "country": "We can't ship to this country. Please choose one from the list.",
    "phone": "Please enter a valid phone number, including the country code (e.g. +1).",
    "email": "Please enter a valid e-mail address.",
    "city": "Please check the city name.",
    "street_address_1": "Please enter your street address.",
}
REQUIRED_MESSAGE = "This field is required for the chosen country."


def _field_errors(error: SaleorValidationError, address: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for field_error in error.errors:
        field = SALEOR_FIELDS.get(field_error.field or "", "__all__")
        if field in found:
            continue
        if field_error.code == "REQUIRED":
            found[field] = REQUIRED_MESSAGE
        elif field == "postal_code":
            country = address.get("country", "")
            found[field] = postal_code_problem(country, address.get("postal_code", ""), address_rules(country))
        else:
            found[field] = FIELD_MESSAGES.get(field, "Please check this field.")
    return found


def set_details(*, cart: Cart, email: str, address: dict[str, str]) -> Cart:
    """E-mail plus shipping address (also used for billing), validated by Saleor per country."""
    result = saleor().checkout_set_details(
        checkout_id=cart.id,
        email=email,
        address=AddressInput.model_validate({_camel(name): value for name, value in address.items()}),
    )
    try:
        raise_for_errors(
            present(result.checkout_email_update).checkout_errors,
            present(result.checkout_shipping_address_update).checkout_errors,
            present(result.checkout_billing_address_update).checkout_errors,
        )
    except SaleorValidationError as error:
        cart_changed(cart_token=cart.token)  # the e-mail may have changed though the address was refused
        raise CheckoutStepError("Please correct the highlighted fields.", _field_errors(error, address)) from error
    return _changed(present(result.checkout_billing_address_update).checkout)


def _changed(checkout: Optional[CartDetails]) -> Cart:
    """Saleor's answer to a change: the cart as it is now, and the cart page's new summary."""
    cart = cart_from_saleor(present(checkout, "checkout"))
    cart_changed(cart_token=cart.token, answer=cart)
    return cart


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def set_shipping_method(*, cart: Cart, shipping_method_id: str) -> Cart:
    if shipping_method_id not in {option.id for option in cart.shipping_options}:
        raise CheckoutStepError("Please choose one of the shipping methods shown.")
    result = saleor().checkout_set_shipping_method(checkout_id=cart.id, shipping_method_id=shipping_method_id)
    try:
        raise_for_errors(present(result.checkout_shipping_method_update).checkout_errors)
    except SaleorValidationError as error:
        cart_changed(cart_token=cart.token)  # the methods offered came from the summary: the next page asks Saleor
        raise CheckoutStepError("This shipping method isn't available for your address.") from error
    return _changed(present(result.checkout_shipping_method_update).checkout)


def set_details_and_shipping(*, cart: Cart, email: str, address: dict[str, str], shipping_method_id: str = "") -> Cart:
    """The one-page checkout's save: the address, then a shipping method the address offers: the
    one asked for, else the one kept, else the cheapest. So the total shown (and charged) is
    always Saleor's, shipping included; a method of another country's is not an error here."""
    saved = set_details(cart=cart, email=email, address=address)
    offered = {option.id for option in saved.shipping_options}
    if not offered:
        return saved
    wanted = next((method for method in (shipping_method_id, saved.shipping_method_id) if method in offered), "")
    wanted = wanted or min(saved.shipping_options, key=lambda option: option.price.amount).id
    if wanted == saved.shipping_method_id:
        return saved
    return set_shipping_method(cart=saved, shipping_method_id=wanted)


def promo_code_candidates(typed: str) -> list[str]:
    """The codes to try for what the buyer typed: the shop's codes are upper case without
    spaces ("WELCOME10"), and Saleor compares codes exactly, so "welcome10" and " WELCOME 10 "
    are tried as WELCOME10 first; the code as typed (trimmed) only if that differs."""
    trimmed = typed.strip()
    written = "".join(trimmed.split()).upper()
    return [written] if written == trimmed or not trimmed else [written, trimmed]


def apply_promo_code(*, cart: Cart, code: str) -> Cart:
    refusal = None
    for candidate in promo_code_candidates(code):
        result = saleor().checkout_add_promo_code(checkout_id=cart.id, promo_code=candidate)
        try:
            raise_for_errors(present(result.checkout_add_promo_code).checkout_errors)
        except SaleorValidationError as error:
            if refusal is None or "VOUCHER_NOT_APPLICABLE" in error.codes:
                refusal = error  # a code that exists but does not apply says more than "unknown"
            continue
        return _kept_bigger_saving(cart, _changed(present(result.checkout_add_promo_code).checkout))
    if refusal is not None and "VOUCHER_NOT_APPLICABLE" in refusal.codes:
        message = "This code can't be used for this order."
    else:
        message = "We don't recognise this code. Please check it and try again."
    raise CheckoutStepError(message, {"code": message}) from refusal


def _kept_bigger_saving(before: Cart, after: Cart) -> Cart:
    """Saleor takes one code per checkout, so a promo code replaces the multi-buy saving; when it
    saves less, the multi-buy saving is put back and the buyer told why."""
    offer = multi_buy()
    if offer is None or before.voucher_code != offer.code or after.voucher_code == offer.code:
        return after
    had = before.discount.amount if before.discount else Decimal("0")
    got = after.discount.amount if after.discount else Decimal("0")
    if got >= had:
        return after
    restored = apply_multi_buy(cart_token=after.token, quantity=after.quantity, voucher_code="")
    currency = after.total.currency
    message = (f"{after.voucher_code} would save {money(got, currency)}, less than your {money(had, currency)} saving "
               f"on {offer.name}, so we kept that saving. A code and the multi-buy saving don't add up.")
    if restored is None:
        return after
    raise CheckoutStepError(message, {"code": message})


def remove_promo_code(*, cart: Cart) -> Cart:
    result = saleor().checkout_remove_promo_code(checkout_id=cart.id, promo_code=cart.voucher_code)
    try:
        raise_for_errors(present(result.checkout_remove_promo_code).checkout_errors)
    except SaleorValidationError as error:
        cart_changed(cart_token=cart.token)  # the checkout page read from the summary: the reload asks Saleor
        raise CheckoutStepError("The promo code could not be removed. Please reload the page and try again.") from error
    removed = _changed(present(result.checkout_remove_promo_code).checkout)
    if cart.voucher_code == multi_buy_code():
        return removed  # the buyer took the multi-buy saving off: not put back behind their back
    # A typed code gone: the multi-buy saving applies again where the cart holds enough units.
    return apply_multi_buy(cart_token=removed.token, quantity=removed.quantity, voucher_code="") or removed
