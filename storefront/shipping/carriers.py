"""The carriers the shop ships with, and where a buyer follows a parcel.

Saleor 2.10 keeps only a shipment's tracking number; the carrier's code is kept with it as the
fulfillment's public metadata (`CARRIER_KEY`), so the staff area, the buyer's order page and the
shipping e-mail all read it back from Saleor.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional
from urllib.parse import quote

CARRIER_KEY = "carrier"
NO_TRACKING = "none"


@dataclass(frozen=True)
class Carrier:
    code: str
    name: str
    tracking_url: str  # the carrier's public tracking page, "{number}" where the number goes; "" = none

    @property
    def tracked(self) -> bool:
        return bool(self.tracking_url)

    def link(self, tracking_number: str) -> str:
        if not (self.tracked and tracking_number):
            return ""
        return self.tracking_url.format(number=quote(tracking_number, safe=""))


CARRIERS: dict[str, Carrier] = {carrier.code: carrier for carrier in (
    Carrier("usps", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"),
    Carrier("ups", "UPS", "https://www.ups.com/track?tracknum={number}"),
    Carrier("fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    Carrier("dhl", "DHL Express", "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}"),
    Carrier("royal-mail", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{number}"),
    Carrier("deutsche-post", "Deutsche Post", "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}"),
    Carrier(NO_TRACKING, "Letter mail (no tracking)", ""),
)}


def carrier_named(code: str) -> Optional[Carrier]:
    """By code, or by name as an admin would type it in a CSV ("USPS", "royal mail")."""
    wanted = code.strip().lower()
    for carrier in CARRIERS.values():
        if wanted in (carrier.code, carrier.name.lower(), carrier.code.replace("-", " ")):
            return carrier
    return None


def carrier_of(metadata: Optional[Iterable[Any]]) -> Optional[Carrier]:
    """The carrier recorded on a Saleor fulfillment (its `metadata` list), if any."""
    for item in metadata or []:
        if item is not None and item.key == CARRIER_KEY:
            return CARRIERS.get(item.value)
    return None


def carrier_choices() -> list[tuple[str, str]]:
    return [(carrier.code, carrier.name) for carrier in CARRIERS.values()]
