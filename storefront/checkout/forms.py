from django import forms

from .selectors import shop_countries

REQUIRED = "Please fill in this field."


def _text(label: str, *, required: bool = True, max_length: int = 256, autocomplete: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages={"required": REQUIRED, "max_length": f"Please use at most {max_length} characters."},
        widget=forms.TextInput(attrs={"autocomplete": autocomplete} if autocomplete else {}),
    )


class DetailsForm(forms.Form):
    """E-mail and shipping address. Saleor then validates the address for its country."""

    email = forms.EmailField(
        label="E-mail",
        error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address, like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = _text("First name", autocomplete="given-name")
    last_name = _text("Last name", autocomplete="family-name")
    company_name = _text("Company (optional)", required=False, autocomplete="organization")
    street_address_1 = _text("Street address", autocomplete="address-line1")
    street_address_2 = _text("Apartment, suite, etc. (optional)", required=False, autocomplete="address-line2")
    city = _text("City", autocomplete="address-level2")
    postal_code = _text("Postal code", max_length=20, autocomplete="postal-code")
    country = forms.ChoiceField(
        label="Country",
        error_messages={"required": "Please choose a country.", "invalid_choice": "We can't ship to this country. Please choose one from the list."},
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    country_area = _text("State / province / region", required=False, max_length=128, autocomplete="address-level1")
    phone = _text("Phone (optional)", required=False, max_length=30, autocomplete="tel")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Choose a country")] + shop_countries()

    def address(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "email"}


class ShippingForm(forms.Form):
    shipping_method = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a shipping method.", "invalid_choice": "Please choose one of the shipping methods shown."},
    )

    def __init__(self, *args, options=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shipping_method"].choices = [(option.id, option.name) for option in options]


class PromoCodeForm(forms.Form):
    code = forms.CharField(
        label="Promo code",
        max_length=100,
        error_messages={"required": "Please enter a promo code.", "max_length": "That code is too long."},
    )


class PayForm(forms.Form):
    """Only the Stripe payment token travels from the browser: amounts come from Saleor."""

    payment_token = forms.RegexField(
        regex=r"^(pm|tok)_[A-Za-z0-9]+$",
        max_length=100,
        error_messages={"required": "Please enter your card details.", "invalid": "Please enter your card details again."},
    )
