"""Links that leave the site (e-mails, feeds): the shop's base URL plus a named route."""
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return f"{settings.SHOP_BASE_URL}{reverse(viewname, args=args or None, kwargs=kwargs or None)}"
