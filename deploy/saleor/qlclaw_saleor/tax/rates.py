"""The offline rates file (deploy/seed/tax_rates.yaml), validated when first read."""
import datetime
import functools
from decimal import Decimal
from pathlib import Path
from typing import Dict, Literal

import yaml
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Rate = Field(ge=0, lt=1, max_digits=6, decimal_places=5)


class TaxRatesFileError(Exception):
    """The rates file cannot be used; the message names the file and the field."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Sourced(Strict):
    source: str = Field(min_length=1)
    as_of: datetime.date


class StateRate(Sourced):
    name: str = Field(min_length=1)
    rate: Decimal = Rate
    shipping_taxable: bool


class VatRate(Sourced):
    rate: Decimal = Rate


class Threshold(Sourced):
    amount: Decimal = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class ExchangeRate(Sourced):
    shop_currency_per_unit: Decimal = Field(gt=0)


class Thresholds(Strict):
    eu_ioss: Threshold
    uk_low_value: Threshold


class TaxRates(Strict):
    version: datetime.date
    sources: list = Field(default_factory=list)  # YAML anchors for the `source:` fields
    us_states: Dict[str, StateRate]
    eu_vat: Dict[str, VatRate]
    uk_vat: VatRate
    thresholds: Thresholds
    exchange_rates: Dict[str, ExchangeRate]

    @model_validator(mode="after")
    def thresholds_can_be_converted(self) -> "TaxRates":
        for name in ("eu_ioss", "uk_low_value"):
            currency = getattr(self.thresholds, name).currency
            if currency not in self.exchange_rates:
                raise ValueError(f"exchange_rates: no rate for {currency} (thresholds.{name})")
        return self

    def threshold_in_shop_currency(self, name: Literal["eu_ioss", "uk_low_value"]) -> Decimal:
        threshold = getattr(self.thresholds, name)
        exchange = self.exchange_rates.get(threshold.currency)
        if exchange is None:
            raise TaxRatesFileError(f"exchange_rates: no rate for {threshold.currency} (thresholds.{name})")
        return threshold.amount * exchange.shop_currency_per_unit


def load_rates(path: Path) -> TaxRates:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return TaxRates.model_validate(raw)
    except FileNotFoundError:
        raise TaxRatesFileError(f"{path}: file not found")
    except yaml.YAMLError as error:
        raise TaxRatesFileError(f"{path}: not valid YAML: {error}")
    except ValidationError as error:
        problems = [f"  {'.'.join(str(part) for part in problem['loc']) or '(top level)'}: {problem['msg']}"
                    for problem in error.errors()]
        raise TaxRatesFileError(f"{path}: invalid tax rates\n" + "\n".join(problems))


@functools.lru_cache(maxsize=None)
def current_rates() -> TaxRates:
    """Read once per process: a new file takes effect on the next deploy, like the code."""
    return load_rates(Path(settings.TAX_RATES_FILE))
