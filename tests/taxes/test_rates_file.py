"""The offline rates file is checked when Saleor starts: every rate needs its source and date,
and a malformed file stops Saleor with the field named rather than failing a buyer's checkout."""
import subprocess
from pathlib import Path

import pytest
import yaml

from deploy.runner.environments import venv_python
from deploy.runner.layout import CATALOG_FILE, ROOT, SALEOR_VENV
from deploy.runner.stack import Stack

RATES_FILE = Path(CATALOG_FILE).parent / "tax_rates.yaml"


def test_every_rate_in_the_file_has_a_source_and_a_date():
    rates = yaml.safe_load(RATES_FILE.read_text())
    entries = [*rates["us_states"].values(), *rates["eu_vat"].values(), rates["uk_vat"],
               *rates["thresholds"].values(), *rates["exchange_rates"].values()]

    assert len(rates["eu_vat"]) == 27
    assert all(entry["source"].startswith("https://") and entry["as_of"] for entry in entries)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["eu_vat"]["DE"].pop("source"), "eu_vat.DE.source: Field required"),
        (lambda d: d["us_states"]["CA"].update(rate="7.25"), "us_states.CA.rate: Input should be less than 1"),
        (lambda d: d["exchange_rates"].pop("EUR"), "exchange_rates: no rate for EUR"),
    ],
)
def test_a_malformed_rates_file_stops_saleor_naming_the_field(shop: Stack, tmp_path: Path, change, message):
    data = yaml.safe_load(RATES_FILE.read_text())
    change(data)
    broken = tmp_path / "tax_rates.yaml"
    broken.write_text(yaml.safe_dump(data))

    result = subprocess.run([str(venv_python(SALEOR_VENV)), "-m", "django", "tax_quote", "DE"],
                            env={**shop.saleor_env(), "TAX_RATES_FILE": str(broken)}, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)

    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
