"""What the wallet sheet's script sends, checked field by field: anything else is refused in
plain words (never a server error)."""
from __future__ import annotations

from django import forms

from .services import WalletAddress


def _text(max_length: int, *, required: bool = False, what: str = "This field") -> forms.CharField:
    return forms.CharField(required=required, max_length=max_length, error_messages={
        "required": f"{what} is missing.", "max_length": f"{what} is longer than {max_length} characters."})


class StartForm(forms.Form):
    source = forms.ChoiceField(choices=[("product", "product"), ("cart", "cart")], error_messages={
        "required": "Say what the wallet pays for: a product or the cart.",
        "invalid_choice": "The wallet pays for a product or the cart, nothing else."})
    product = forms.SlugField(required=False, max_length=100, error_messages={"invalid": "That is not a product's name."})
    quantity = forms.IntegerField(required=False, min_value=1, max_value=50, error_messages={
        "invalid": "The quantity must be a whole number.", "min_value": "The quantity must be at least 1.",
        "max_value": "At most 50 can be bought at once."})

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("source") == "product" and not cleaned.get("product"):
            self.add_error("product", "Say which product the wallet pays for.")
        return cleaned


class AddressForm(forms.Form):
    """The redacted address the wallet gives before the buyer pays."""

    country = forms.RegexField(regex=r"^[A-Za-z]{2}$", error_messages={
        "required": "The address has no country.", "invalid": "The country must be a two-letter code, like US."})
    state = _text(128, what="The state")
    city = _text(128, what="The city")
    postal_code = _text(20, what="The postal code")

    def wallet_address(self) -> WalletAddress:
        data = self.cleaned_data
        return WalletAddress(country=data["country"].upper(), state=data["state"].strip(), city=data["city"].strip(),
                             postal_code=data["postal_code"].strip())


class MethodForm(forms.Form):
    shipping_method = _text(100, required=True, what="The shipping method")


class PayForm(AddressForm):
    """Everything the sheet gives when the buyer pays; amounts are Saleor's, the one sent is
    only compared with them."""

    email = _text(254, required=True, what="The e-mail address")
    name = _text(256, required=True, what="The name")
    line1 = _text(256, required=True, what="The street address")
    line2 = _text(256, what="The second address line")
    phone = _text(30, what="The phone number")
    shipping_method = _text(100, required=True, what="The shipping method")
    payment_method = forms.RegexField(regex=r"^pm_[A-Za-z0-9]+$", max_length=100, error_messages={
        "required": "The wallet's payment method is missing.", "invalid": "That is not a wallet payment method."})
    amount = forms.IntegerField(min_value=1, max_value=100_000_000, error_messages={
        "required": "The amount the sheet showed is missing.", "invalid": "The amount must be a whole number of cents.",
        "min_value": "The amount must be more than zero.", "max_value": "The amount is too large."})

    def wallet_address(self) -> WalletAddress:
        redacted = super().wallet_address()
        data = self.cleaned_data
        return WalletAddress(country=redacted.country, state=redacted.state, city=redacted.city,
                             postal_code=redacted.postal_code, line1=data["line1"].strip(), line2=data["line2"].strip())
