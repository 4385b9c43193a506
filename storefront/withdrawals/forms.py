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
