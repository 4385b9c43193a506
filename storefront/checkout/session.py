"""What a checkout POST leaves in the session for the page it redirects to (POST/redirect/GET):
a POST never answers with a page, so Back and reload never re-send it or show the browser's
"form resubmission" error. Each note is shown once.

The notes live in the shop's cache, not in the session: the session is a signed cookie, which
anyone holding it can read (an address typed and refused, a 3-D Secure client secret), and which
a long entry would push past the browser's 4 KB. The cookie carries only a random key."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any, Optional

from django.core.cache import cache
from django.http import HttpRequest

NOTES_KEY = "checkout_notes"
PAYMENT_KEY = "payment"
DETAILS_KEY = "details"
# Long enough for a buyer who reads the errors slowly; a note not picked up by then is not missed.
NOTE_SECONDS = 30 * 60


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
        self._leave(PAYMENT_KEY, {**(self._read(PAYMENT_KEY) or {}), **note})

    def take_for_payment(self) -> PaymentNote:
        return PaymentNote(**(self._take(PAYMENT_KEY) or {}))

    def leave_for_details(self, *, data: dict[str, str], errors: dict[str, list[str]]) -> None:
        self._leave(DETAILS_KEY, {"data": data, "errors": errors})

    def take_for_details(self) -> Optional[DetailsNote]:
        note = self._take(DETAILS_KEY)
        return DetailsNote(**note) if note else None

    def _cache_key(self, kind: str, *, create: bool) -> Optional[str]:
        owner = self.session.get(NOTES_KEY)
        if not isinstance(owner, str) and create:
            owner = self.session[NOTES_KEY] = secrets.token_urlsafe(24)
        return f"checkout-note:{owner}:{kind}" if isinstance(owner, str) else None

    def _leave(self, kind: str, note: dict[str, Any]) -> None:
        cache.set(self._cache_key(kind, create=True), note, NOTE_SECONDS)

    def _read(self, kind: str) -> Optional[dict[str, Any]]:
        key = self._cache_key(kind, create=False)
        return cache.get(key) if key else None

    def _take(self, kind: str) -> Optional[dict[str, Any]]:
        note = self._read(kind)
        if note is not None:
            cache.delete(self._cache_key(kind, create=False))
        return note
