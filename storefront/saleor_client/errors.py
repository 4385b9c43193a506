"""What can go wrong when the storefront asks Saleor something, as types views can catch."""
from __future__ import annotations


class SaleorError(Exception):
    """Base class: Saleor did not give the storefront what it asked for."""


class SaleorUnavailable(SaleorError):
    """Saleor is down, slow past the timeout, or answered with a server error.

    The SaleorUnavailableMiddleware turns this into the friendly 503 page.
    """


class SaleorGraphQLError(SaleorError):
    """Saleor rejected the request itself (a bad query or a missing permission)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
