"""The checkout steps before the payment: details, shipping method, promo code.

Paying and completing live in `completion.py`.
"""
from __future__ import annotations

from cart.selectors import Cart, cart_from_saleor
from saleor_client.client import saleor
from saleor_client.errors import SaleorValidationError, raise_for_errors
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
    "cityArea": "city",
    "postalCode": "postal_code",
    "country": "country",
    "countryArea": "country_area",
    "phone": "phone",
}
FIELD_MESSAGES = {
    "postal_code": "This postal code doesn't match the format used in the chosen country.",
    "country_area": "Please choose a valid state, province or region for this country.",
    "country": "We can't ship to this country. Please choose one from the list.",
    "phone": "Please enter a valid phone number, including the country code (e.g. +1).",
    "email": "Please enter a valid e-mail address.",
    "city": "Please check the city name.",
    "street_address_1": "Please enter your street address.",
}
REQUIRED_MESSAGE = "This field is required for the chosen country."


def _field_errors(error: SaleorValidationError) -> dict[str, str]:
    found: dict[str, str] = {}
    for field_error in error.errors:
        field = SALEOR_FIELDS.get(field_error.field or "", "__all__")
        if field in found:
            continue
        if field_error.code == "REQUIRED":
            found[field] = REQUIRED_MESSAGE
        else:
            found[field] = FIELD_MESSAGES.get(field, "Please check this field.")
    return found


def set_details(*, cart: Cart, email: str, address: dict[str, str]) -> Cart:
    """E-mail plus shipping address (also used for billing), validated by Saleor per country."""
    result = saleor().checkout_set_details(
        checkout_id=cart.id,
        email=email,
        address=AddressInput(**{_camel(name): value for name, value in address.items()}),
    )
    try:
        raise_for_errors(
            result.checkout_email_update.checkout_errors,
            result.checkout_shipping_address_update.checkout_errors,
            result.checkout_billing_address_update.checkout_errors,
        )
    except SaleorValidationError as error:
        raise CheckoutStepError("Please correct the highlighted fields.", _field_errors(error)) from error
    return cart_from_saleor(result.checkout_billing_address_update.checkout)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def set_shipping_method(*, cart: Cart, shipping_method_id: str) -> Cart:
    if shipping_method_id not in {option.id for option in cart.shipping_options}:
        raise CheckoutStepError("Please choose one of the shipping methods shown.")
    result = saleor().checkout_set_shipping_method(checkout_id=cart.id, shipping_method_id=shipping_method_id)
    try:
        raise_for_errors(result.checkout_shipping_method_update.checkout_errors)
    except SaleorValidationError as error:
        raise CheckoutStepError("This shipping method isn't available for your address.") from error
    return cart_from_saleor(result.checkout_shipping_method_update.checkout)


def apply_promo_code(*, cart: Cart, code: str) -> Cart:
    result = saleor().checkout_add_promo_code(checkout_id=cart.id, promo_code=code)
    try:
        raise_for_errors(result.checkout_add_promo_code.checkout_errors)
    except SaleorValidationError as error:
        if "VOUCHER_NOT_APPLICABLE" in error.codes:
            message = "This code can't be used for this order."
        else:
            message = "We don't recognise this code. Please check it and try again."
        raise CheckoutStepError(message, {"code": message}) from error
    return cart_from_saleor(result.checkout_add_promo_code.checkout)


def remove_promo_code(*, cart: Cart) -> Cart:
    result = saleor().checkout_remove_promo_code(checkout_id=cart.id, promo_code=cart.voucher_code)
    raise_for_errors(result.checkout_remove_promo_code.checkout_errors)
    return cart_from_saleor(result.checkout_remove_promo_code.checkout)
