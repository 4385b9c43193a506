"""Which consumer law a buyer's withdrawal falls under, by the country the order ships to."""
from __future__ import annotations

from markets.regions import EU_MEMBER_STATES as EU_COUNTRIES

# Iceland, Liechtenstein and Norway apply the Consumer Rights Directive through the EEA Agreement.
EEA_COUNTRIES = EU_COUNTRIES | {"IS", "LI", "NO"}


def market_of(country: str) -> str:
    """`EU` (EU/EEA law), `UK` (the Consumer Contracts Regulations 2013) or `other`."""
    country = (country or "").upper()
    if country in EEA_COUNTRIES:
        return "EU"
    if country == "GB":
        return "UK"
    return "other"
