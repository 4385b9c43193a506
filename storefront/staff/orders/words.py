"""Saleor's order and payment states in the shop admin's words: the one table the staff area
uses (lists, the order page, the filter), keyed by the generated enums. The buyer's words are
`orders.selectors.PAYMENT_PROGRESS`."""
from __future__ import annotations

from saleor_client.generated.enums import PaymentChargeStatusEnum as Charge

CHARGE_WORDS: dict[Charge, str] = {
    Charge.NOT_CHARGED: "Not charged",
    Charge.PARTIALLY_CHARGED: "Partly charged",
    Charge.FULLY_CHARGED: "Charged",
    Charge.PARTIALLY_REFUNDED: "Partly refunded",
    Charge.FULLY_REFUNDED: "Refunded",
}
# Authorized money may still be captured in these states.
CAPTURABLE = frozenset({Charge.NOT_CHARGED, Charge.PARTIALLY_CHARGED})


def charge_words(status: Charge) -> str:
    return CHARGE_WORDS.get(status, str(status.value).replace("_", " ").capitalize())
