from django import forms

from saleor_client import global_ids


class OrderLookupForm(forms.Form):
    number = forms.CharField(
        label="Order number",
        max_length=12,
        error_messages={"required": "Please enter your order number.", "max_length": "That order number is too long."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="It is in your confirmation e-mail and on the order page, e.g. 1042.",
    )
    email = forms.EmailField(
        label="E-mail used for the order",
        error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address, like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().lstrip("#")
        if not global_ids.ASCII_NUMBER.match(number):
            raise forms.ValidationError("An order number has digits only, like 1042.")
        return str(int(number))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
