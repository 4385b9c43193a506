from decimal import Decimal

from django import forms

STATUS_CHOICES = [
    ("READY_TO_FULFILL", "Needs shipping"),
    ("", "Any status"),
    ("UNFULFILLED", "Unfulfilled"),
    ("PARTIALLY_FULFILLED", "Partially fulfilled"),
    ("FULFILLED", "Fulfilled"),
    ("CANCELED", "Canceled"),
]
PAYMENT_CHOICES = [
    ("", "Any payment"),
    ("NOT_CHARGED", "Not charged"),
    ("FULLY_CHARGED", "Charged"),
    ("PARTIALLY_REFUNDED", "Partly refunded"),
    ("FULLY_REFUNDED", "Refunded"),
]


class SignInForm(forms.Form):
    email = forms.EmailField(label="E-mail", error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address."})
    password = forms.CharField(label="Password", widget=forms.PasswordInput, error_messages={"required": "Please enter your password."})


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label="Status")
    payment = forms.ChoiceField(choices=PAYMENT_CHOICES, required=False, label="Payment")
    q = forms.CharField(required=False, max_length=100, label="Search number, e-mail or name")


class FulfilForm(forms.Form):
    tracking_number = forms.CharField(
        max_length=64, label="Tracking number",
        error_messages={"required": "Please enter the tracking number of the parcel."},
    )


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        min_value=Decimal("0.01"), max_digits=10, decimal_places=2, label="Amount to refund",
        error_messages={
            "required": "Please enter the amount to refund.",
            "invalid": "Please enter an amount like 12.50.",
            "min_value": "The amount must be more than zero.",
            "max_decimal_places": "Please use at most two decimals.",
        },
    )


class NoteForm(forms.Form):
    message = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), label="Note",
                              error_messages={"required": "Please write the note."})


class CancelForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, cancel this order (a captured payment is refunded in full)",
                                 error_messages={"required": "Tick the box to confirm the cancellation."})
