"""Saleor's global ids (graphene's relay ids: base64 of "<Type>:<key>"), made and read here only.

Ids arrive from forms and links; one that is not well formed is refused here, so it never
reaches Saleor (where it ended in a 503 and a traceback in both logs)."""
from __future__ import annotations

import base64
import binascii
import re
from typing import Optional, Union

# str.isdigit() also passes "²" and "١" (Unicode digits), which Saleor cannot use as a key.
ASCII_NUMBER = re.compile(r"[0-9]{1,18}\Z")


def encode(kind: str, key: Union[int, str]) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


def decode(global_id: str, kind: str) -> Optional[str]:
    """The key inside `global_id` when it is an id of `kind`; None for anything else."""
    try:
        found, _, key = base64.b64decode(global_id, validate=True).decode("ascii").partition(":")
    except (ValueError, binascii.Error):  # not base64, or not ASCII inside
        return None
    return key if found == kind and key else None


def decode_number(global_id: str, kind: str) -> Optional[int]:
    """The numeric key of an id of `kind` (variants, orders…), ASCII digits only; else None."""
    key = decode(global_id, kind)
    return int(key) if key is not None and ASCII_NUMBER.match(key) else None
