"""Saleor's custom scalars, decoded at the client boundary so callers get Python values."""
from __future__ import annotations

import json
from typing import Any


def parse_json_string(value: Any) -> Any:
    """graphene 2's JSONString arrives as a JSON document inside a string."""
    return json.loads(value) if isinstance(value, str) else value


def serialize_json_string(value: Any) -> str:
    return json.dumps(value)
