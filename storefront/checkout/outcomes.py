"""What a payment attempt tells the buyer: the kinds of outcome, their words, and how an
attempt already on record reads as one. Completion builds outcomes; the pay views turn each
kind into a page."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional
from uuid import UUID

from saleor_client.generated.fragments import BuyerOrder

from .models import CheckoutAttempt

Status = CheckoutAttempt.Status

SOLD_OUT_MESSAGE = "Sorry, someone bought the last one just before you. Your card has not been charged."
GONE_MESSAGE = "This checkout is no longer open. Your cart may already have been ordered."
EMPTY_MESSAGE = "Your cart is empty. Add the QL Claw before checking out."
NOT_COMPLETED_MESSAGE = "The payment could not be completed. Your card has not been charged. Please try again."
UNAVAILABLE_MESSAGE = "An item in your cart is no longer sold. Please remove it, then check out again."


class OutcomeKind(enum.Enum):
    COMPLETED = "completed"  # the order exists: show it
    CONFIRMING = "confirming"  # Saleor did not answer in time: the order may be on its way
    AUTHENTICATE = "authenticate"  # 3-D Secure: Stripe.js must confirm
    DECLINED = "declined"  # try another card
    SOLD_OUT = "sold_out"  # nothing charged
    GONE = "gone"  # the checkout is no longer open


@dataclass(frozen=True)
class PaymentOutcome:
    kind: OutcomeKind
    order_token: Optional[str] = None
    client_secret: Optional[str] = None
    message: str = ""
    card_refused: bool = False  # the card or its bank said no (not the shop): another card may work
    # Saleor's order as checkoutComplete returned it, for the order page shown next (not compared).
    placed: Optional[BuyerOrder] = field(default=None, compare=False, repr=False)


def completed(order_token: UUID | str, placed: Optional[BuyerOrder] = None) -> PaymentOutcome:
    return PaymentOutcome(OutcomeKind.COMPLETED, order_token=str(order_token), placed=placed)


def confirming() -> PaymentOutcome:
    return PaymentOutcome(OutcomeKind.CONFIRMING)


def authenticate(client_secret: Optional[str] = None) -> PaymentOutcome:
    """`client_secret`: what Stripe.js needs for the bank's challenge (none when the settle job asks)."""
    return PaymentOutcome(OutcomeKind.AUTHENTICATE, client_secret=client_secret)


def declined(message: str = NOT_COMPLETED_MESSAGE, *, card_refused: bool = False) -> PaymentOutcome:
    return PaymentOutcome(OutcomeKind.DECLINED, message=message, card_refused=card_refused)


def sold_out() -> PaymentOutcome:
    return PaymentOutcome(OutcomeKind.SOLD_OUT, message=SOLD_OUT_MESSAGE)


def gone(message: str = GONE_MESSAGE) -> PaymentOutcome:
    return PaymentOutcome(OutcomeKind.GONE, message=message)


def of_finished_attempt(attempt: Optional[CheckoutAttempt]) -> Optional[PaymentOutcome]:
    """An attempt no completion may touch (None: completing may go on): its order is recorded,
    or Saleor may still be completing it — a second completion could make a second order, so
    the settle job decides once Saleor has surely finished."""
    if attempt is None:
        return None
    if attempt.order_token:
        return completed(attempt.order_token)
    if attempt.status == Status.UNKNOWN:
        return confirming()
    return None


def of_ended_attempt(attempt: CheckoutAttempt) -> Optional[PaymentOutcome]:
    """An attempt that ended without an order, in the buyer's words (None: it has not ended)."""
    if attempt.status in (Status.DECLINED, Status.FAILED):
        return declined(attempt.last_error or NOT_COMPLETED_MESSAGE, card_refused=attempt.status == Status.DECLINED)
    if attempt.status == Status.SOLD_OUT:
        return sold_out()
    return None
