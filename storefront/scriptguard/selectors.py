from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional

from .inventory import payment_pages
from .models import ScriptCheck


@dataclass(frozen=True)
class LastCheck:
    checked_at: datetime
    differences: tuple[str, ...]
    failure: str

    @property
    def ok(self) -> bool:
        return not self.differences and not self.failure


@dataclass(frozen=True)
class PaymentPagesTile:
    last: Optional[LastCheck]
    listed_scripts: int


def payment_pages_tile() -> PaymentPagesTile:
    check = ScriptCheck.objects.first()
    last = LastCheck(check.checked_at, tuple(check.differences), check.failure) if check else None
    return PaymentPagesTile(last=last, listed_scripts=sum(len(page.scripts) for page in payment_pages()))
