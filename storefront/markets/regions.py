"""Country groups that law defines, written once (no Django: any module may import them)."""
from __future__ import annotations

# The EU's 27 member states (ISO 3166-1 alpha-2; Greece is GR). The catalog's EU market
# lists exactly these (a test checks it); EU withdrawal law applies to them too.
EU_MEMBER_STATES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
