"""Changing the cart. Each action is one Saleor call answering with the cart (or, for an add, its
token and item count), and gives the cart a new version in `cart.summary`."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional, Protocol, Sequence

from catalog.selectors import multi_buy
from saleor_client import global_ids
from saleor_client.client import saleor
from saleor_client.errors import SaleorError, SaleorValidationError, present, raise_for_errors
from saleor_client.generated.fragments import CartDetails, CartPageDetails, CheckoutErrorFields
from saleor_client.generated.input_types import CheckoutLineInput

from . import summary
from .selectors import PLACEHOLDER_EMAIL, Cart, cart_from_saleor

logger = logging.getLogger(__name__)

# Saleor's checkout error codes, in a shopper's words.
MESSAGES = {
    "INSUFFICIENT_STOCK": "We don't have that many in stock. Please choose a smaller quantity.",
    "QUANTITY_GREATER_THAN_LIMIT": "You can buy at most 50 of one item per order.",
    "ZERO_QUANTITY": "Please choose a quantity of at least 1.",
    "PRODUCT_NOT_PUBLISHED": "Sorry, this product is not on sale at the moment.",
    "NOT_FOUND": "That item is no longer available. Please reload the page.",
}
FALLBACK_MESSAGE = "We couldn't update your cart. Please try again."


class CartError(Exception):
    """A change the cart refused; the message is ready to show to the shopper."""


def shopper_message(error: SaleorValidationError) -> str:
    for field_error in error.errors:
        if field_error.code in MESSAGES:
            return MESSAGES[field_error.code]
    return FALLBACK_MESSAGE


class _Refusable(Protocol):
    @property
    def checkout_errors(self) -> Sequence[CheckoutErrorFields]: ...


class _CartPayload(_Refusable, Protocol):
    """What every cart mutation answers with (the generated payload types differ by name only):
    the whole cart, or the cart page's lighter version of it."""

    @property
    def checkout(self) -> Optional[CartDetails | CartPageDetails]: ...


class _SummaryCheckout(Protocol):
    @property
    def token(self) -> object: ...

    @property
    def quantity(self) -> int: ...


class _SummaryPayload(_Refusable, Protocol):
    @property
    def checkout(self) -> Optional[_SummaryCheckout]: ...


def _refused(payload: _Refusable) -> None:
    try:
        raise_for_errors(payload.checkout_errors)
    except SaleorValidationError as error:
        logger.info("Saleor refused a cart change: %s", error)
        raise CartError(shopper_message(error)) from error


def _checked(payload: Optional[_CartPayload], *, cart_token: str) -> Cart:
    payload = present(payload, "cart change")
    try:
        _refused(payload)
    except CartError:
        # Refused for what the summary may not know yet (stock sold meanwhile): read Saleor again.
        summary.cart_changed(cart_token=cart_token)
        raise
    cart = cart_from_saleor(present(payload.checkout, "cart"))
    summary.cart_changed(cart_token=cart_token, answer=cart)
    return cart


@dataclass(frozen=True)
class CartSummary:
    """What adding to the cart answers with: what the session keeps."""

    token: str
    quantity: int
    voucher_code: str = ""


def _summary(payload: Optional[_SummaryPayload]) -> CartSummary:
    payload = present(payload, "cart change")
    _refused(payload)
    checkout = present(payload.checkout, "cart")
    return CartSummary(token=str(checkout.token), quantity=checkout.quantity,
                       voucher_code=getattr(checkout, "voucher_code", None) or "")


def checkout_id(cart_token: str) -> str:
    """Saleor's global ID of a checkout, derived from its token (graphene's relay ID), so
    adding to a cart is one Saleor call, without reading the cart first."""
    return global_ids.encode("Checkout", cart_token)


def add_to_cart(*, cart_token: Optional[str], variant_id: str, quantity: int) -> CartSummary:
    lines = [CheckoutLineInput(variant_id=variant_id, quantity=quantity)]
    added: Optional[CartSummary] = None
    if cart_token:
        payload = present(saleor().cart_lines_add(checkout_id=checkout_id(cart_token), lines=lines).qlclaw_checkout_lines_add,
                          "cart change")
        if not any(error.field == "checkoutId" for error in payload.checkout_errors):
            summary.cart_changed(cart_token=cart_token)
            added = _summary(payload)
        # Otherwise Saleor no longer knows that checkout (its order was placed): start a new cart.
    if added is None:
        added = _summary(saleor().cart_create(lines=lines, email=PLACEHOLDER_EMAIL).checkout_create)
    if apply_multi_buy(cart_token=added.token, quantity=added.quantity, voucher_code=added.voucher_code):
        added = CartSummary(token=added.token, quantity=added.quantity, voucher_code=multi_buy_code())
    return added


def multi_buy_code() -> str:
    offer = multi_buy()
    return offer.code if offer else ""


def apply_multi_buy(*, cart_token: str, quantity: int, voucher_code: str) -> Optional[Cart]:
    """The multi-buy saving (catalog file `multi_buy:`), once the cart holds enough units and no
    other code: one more Saleor call, made only then. Saleor prices it, checks the minimum and
    drops it by itself when the cart falls below it. None when not applied."""
    offer = multi_buy()
    if offer is None or quantity < offer.min_quantity or voucher_code:
        return None
    try:
        payload = present(
            saleor().checkout_add_promo_code(checkout_id=checkout_id(cart_token), promo_code=offer.code).checkout_add_promo_code,
            "promo code",
        )
        raise_for_errors(payload.checkout_errors)
        cart = cart_from_saleor(present(payload.checkout, "cart"))
    except SaleorError as error:
        # The cart itself changed as asked; without the saving its prices are still Saleor's and
        # true, and a Pay charges what the page shows. Said in the log, not to the buyer.
        logger.warning("The multi-buy saving was not applied to a cart: %s", error)
        summary.cart_changed(cart_token=cart_token)
        return None
    summary.cart_changed(cart_token=cart_token, answer=cart)
    return cart


def set_line_quantity(*, cart: Cart, line_id: str, quantity: int) -> Cart:
    if quantity == 0:
        return remove_line(cart=cart, line_id=line_id)
    line = next((line for line in cart.lines if line.id == line_id), None)
    if line is None:
        raise CartError(MESSAGES["NOT_FOUND"])
    lines = [CheckoutLineInput(variant_id=line.variant_id, quantity=quantity)]
    payload = saleor().cart_lines_update(checkout_id=cart.id, lines=lines, with_tax=cart.tax_shown)
    changed = _checked(payload.checkout_lines_update, cart_token=cart.token)
    return apply_multi_buy(cart_token=changed.token, quantity=changed.quantity, voucher_code=changed.voucher_code) or changed


def remove_line(*, cart: Cart, line_id: str) -> Cart:
    if not any(line.id == line_id for line in cart.lines):
        raise CartError(MESSAGES["NOT_FOUND"])
    payload = saleor().cart_line_delete(checkout_id=cart.id, line_id=line_id, with_tax=cart.tax_shown)
    return _checked(payload.checkout_line_delete, cart_token=cart.token)
