"""What can go wrong when the storefront asks Saleor something, as types views can catch."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence, TypeVar, Union


class SaleorError(Exception):
    """Base class: Saleor did not give the storefront what it asked for."""


class SaleorUnavailable(SaleorError):
    """Saleor is down, slow past the timeout, or answered with a server error.

    The SaleorUnavailableMiddleware turns this into the friendly 503 page.
    """


class SaleorNotReached(SaleorUnavailable):
    """The request never reached Saleor (too many calls in flight, connection refused), so it
    certainly did nothing: unlike a timeout, retrying cannot do a thing twice."""


class SaleorGraphQLError(SaleorError):
    """Saleor rejected the request itself (a bad query or a missing permission)."""

    def __init__(
        self, messages: list[str], paths: Optional[Sequence[Optional[Sequence[Union[str, int]]]]] = None,
        data: Optional[dict[str, Any]] = None,
    ) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
        self.paths = paths or []  # where in the answer each error is (GraphQL's `path`)
        self.data = data  # what Saleor answered besides the errors

    def only_under(self, *path: Union[str, int]) -> bool:
        """Every error is inside `path` of the answer, so the rest of it is usable."""
        return bool(self.paths) and all(list(p or [])[: len(path)] == list(path) for p in self.paths)


@dataclass(frozen=True)
class FieldError:
    """One business error Saleor reported inside a 200 response (`checkoutErrors` etc.)."""

    field: Optional[str]
    code: str
    message: str


class SaleorValidationError(SaleorError):
    """Saleor refused the input; `errors` carry Saleor's field names and error codes."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field or '-'}: {e.code} {e.message}" for e in errors))
        self.errors = errors

    @property
    def codes(self) -> set[str]:
        return {error.code for error in self.errors}


def raise_for_errors(*error_lists: Sequence[Any]) -> None:
    """Raise SaleorValidationError if any mutation of the response reported errors."""
    errors = [
        FieldError(field=error.field, code=getattr(error.code, "value", str(error.code)), message=error.message or "")
        for error_list in error_lists
        for error in error_list
    ]
    if errors:
        raise SaleorValidationError(errors)


T = TypeVar("T")


def present(value: Optional[T], what: str = "an answer") -> T:
    """Saleor's schema lets every payload be null; a null where the operation promised a value
    is Saleor rejecting the request (as its errors, which usually come with the null, would
    say), not an AttributeError further on."""
    if value is None:
        raise SaleorGraphQLError([f"Saleor sent no {what}"])
    return value
