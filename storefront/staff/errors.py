from typing import Any, Sequence

from saleor_client.errors import SaleorValidationError, raise_for_errors


class StaffActionError(Exception):
    """A staff action was refused; the message says why, for the admin."""


def checked(errors: Sequence[Any], action: str) -> None:
    """Saleor's validation errors for `action`, as a refusal in the admin's words."""
    try:
        raise_for_errors(errors)
    except SaleorValidationError as error:
        raise StaffActionError(f"{action} failed: {error.errors[0].message}") from error
