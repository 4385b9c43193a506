"""The markets the shop sells to, as the catalog file defines them (the seed made them zones)."""
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import yaml
from django.conf import settings

from ..seeding.catalog_file import Market


@dataclass(frozen=True)
class MarketRule:
    code: str  # US | EU | UK | ROW
    tax: str  # us_sales_tax | eu_vat | uk_vat | none
    duties: str  # none | DDP | DAP


@functools.lru_cache(maxsize=None)
def markets_by_country() -> Dict[str, MarketRule]:
    # Only the `markets:` section: the rest of the catalog (pictures) need not be on this host.
    raw = yaml.safe_load(Path(settings.CATALOG_FILE).read_text(encoding="utf-8"))
    found: Dict[str, MarketRule] = {}
    for entry in raw["markets"]:
        market = Market.model_validate(entry)
        for country in market.countries:
            found[country] = MarketRule(code=market.code, tax=market.tax, duties=market.duties)
    return found


def market_for(country: str) -> Optional[MarketRule]:
    return markets_by_country().get(country.upper()) if country else None
