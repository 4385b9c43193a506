from __future__ import annotations

from typing import Callable

from django import forms

from .beacon import host_name, shop_path
from .definitions import MAX_HOST_LENGTH, MAX_PATH_LENGTH


def _validator(clean: Callable[[str], str]) -> Callable[[str], None]:
    def validate(value: str) -> None:
        try:
            clean(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    return validate


class LandingForm(forms.Form):
    """The visit's first page, which beacon.js adds to the add-to-cart form (never a cookie).
    Absent or malformed, it is simply not remembered: the cart works the same."""

    landing_page = forms.CharField(max_length=MAX_PATH_LENGTH, validators=[_validator(shop_path)])
    landing_referrer = forms.CharField(max_length=MAX_HOST_LENGTH, required=False, validators=[_validator(host_name)])

    def landing(self) -> tuple[str, str] | None:
        if not self.is_valid():
            return None
        return self.cleaned_data["landing_page"], self.cleaned_data["landing_referrer"].lower()
