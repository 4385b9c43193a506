from __future__ import annotations

from datetime import date
from typing import Any, Optional

from django import forms

from orders.forms import OrderLookupForm


class WithdrawalForm(OrderLookupForm):
    """The withdrawal statement for a buyer without the order page: who they are and which
    order, checked against the order without saying whether it matched."""

    name = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={"required": "Please enter your name.", "max_length": "That name is too long."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["name", "number", "email"]

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


class StaffWithdrawalForm(forms.Form):
    """A withdrawal the buyer sent by e-mail, letter or phone, as staff record it: the day it
    reached the shop, from which its 14-day refund deadline runs. Empty: received today."""

    received_on = forms.DateField(
        label="Received on", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Please give the date it was received as YYYY-MM-DD, e.g. 2026-12-01."},
    )

    def __init__(self, *args: Any, order_day: date, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_day, self.today = order_day, today

    def clean_received_on(self) -> Optional[date]:
        day = self.cleaned_data["received_on"]
        if day is not None and day > self.today:
            raise forms.ValidationError(f"The date received cannot be in the future (today is {self.today:%Y-%m-%d}).")
        if day is not None and day < self.order_day:
            raise forms.ValidationError(
                f"The date received cannot be before the order was placed ({self.order_day:%Y-%m-%d})."
            )
        return day
