"""What a checkout POST leaves in the session for the page it redirects to (POST/redirect/GET):
a POST never answers with a page, so Back and reload never re-send it or show the browser's
"form resubmission" error. Each note is shown once."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from django.http import HttpRequest

PAYMENT_KEY = "checkout_payment_note"
DETAILS_KEY = "checkout_details_note"


@dataclass(frozen=True)
class PaymentNote:
    """For the next view of the payment step."""

    payment_error: str = ""
    client_secret: str = ""  # 3-D Secure: the page runs Stripe.js' confirmCardPayment with it
    promo_code: str = ""  # what the buyer typed, shown again beside `promo_error`
    promo_error: str = ""


@dataclass(frozen=True)
class DetailsNote:
    """For the next view of the address step: what was typed and every error found."""

    data: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)


class CheckoutNotes:
    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session

    def leave_for_payment(self, **note: str) -> None:
        self.session[PAYMENT_KEY] = {**self.session.get(PAYMENT_KEY, {}), **note}

    def take_for_payment(self) -> PaymentNote:
        return PaymentNote(**self.session.pop(PAYMENT_KEY, {}))

    def leave_for_details(self, *, data: dict[str, str], errors: dict[str, list[str]]) -> None:
        self.session[DETAILS_KEY] = {"data": data, "errors": errors}

    def take_for_details(self) -> Optional[DetailsNote]:
        note = self.session.pop(DETAILS_KEY, None)
        return DetailsNote(**note) if note else None
