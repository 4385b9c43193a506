"""Signed, expiring links (review links, data downloads): Django's TimestampSigner, which can
also sign as of a given moment, so a test can make a link that is already old."""
from __future__ import annotations

import time
from typing import Optional

from django.core import signing


class SignerAt(signing.TimestampSigner):
    def __init__(self, *, salt: str, at: Optional[float] = None) -> None:
        super().__init__(salt=salt)
        self.at = at

    def timestamp(self) -> str:
        return signing.b62_encode(int(self.at if self.at is not None else time.time()))
