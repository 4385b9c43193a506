from django import forms

from core.addresses import address_rules

from .selectors import shop_countries

REQUIRED = "Please fill in this field."
AREA_REQUIRED = "This field is required for the chosen country."


def _text(label: str, *, required: bool = True, max_length: int = 256, autocomplete: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages={"required": REQUIRED, "max_length": f"Please use at most {max_length} characters."},
        widget=forms.TextInput(attrs={"autocomplete": autocomplete} if autocomplete else {}),
    )


class DetailsForm(forms.Form):
    """E-mail and shipping address, with the fields, labels and order of the chosen country
    (a state for the US, none for Germany, a ZIP code or an Eircode...). Saleor then validates
    the address for its country."""

    email = forms.EmailField(
        label="E-mail",
        error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address, like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = forms.ChoiceField(
        label="Country",
        error_messages={"required": "Please choose a country.", "invalid_choice": "We can't ship to this country. Please choose one from the list."},
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    first_name = _text("First name", autocomplete="given-name")
    last_name = _text("Last name", autocomplete="family-name")
    company_name = _text("Company (optional)", required=False, autocomplete="organization")
    street_address_1 = _text("Street address", autocomplete="address-line1")
    street_address_2 = _text("Apartment, suite, etc. (optional)", required=False, autocomplete="address-line2")
    city = _text("City", autocomplete="address-level2")
    country_area = _text("State / province / region", required=False, max_length=128, autocomplete="address-level1")
    postal_code = _text("Postal code", max_length=20, autocomplete="postal-code")
    phone = _text("Phone (optional)", required=False, max_length=30, autocomplete="tel")

    ADDRESS_FIELDS = ("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "city", "country_area", "postal_code")

    def __init__(self, *args, country: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Choose a country")] + shop_countries()
        self.country = country
        rules = address_rules(country)
        fields = self.fields
        fields["city"].label = rules.city_label
        fields["postal_code"].label = rules.postal_code_label
        if rules.postal_code_example:
            fields["postal_code"].widget.attrs["placeholder"] = f"e.g. {rules.postal_code_example}"
        fields["postal_code"].required = rules.postal_code_required
        area = fields["country_area"]
        area.required = rules.country_area_required
        area.label = rules.country_area_label + ("" if area.required else " (optional)")
        area.error_messages["required"] = AREA_REQUIRED
        if rules.country_area_choices:
            fields["country_area"] = forms.ChoiceField(
                label=area.label,
                required=area.required,
                choices=[("", f"Choose a {rules.country_area_label.lower()}")] + list(rules.country_area_choices),
                error_messages={"required": AREA_REQUIRED, "invalid_choice": f"Please choose a {rules.country_area_label.lower()} from the list."},
                widget=forms.Select(attrs={"autocomplete": "address-level1"}),
            )
        # The country's own order; fields it does not have (no state in Germany, no city line in
        # Japan, no postcode in Hong Kong) are left out.
        shown = [name for name in rules.field_order if name in self.ADDRESS_FIELDS]
        self.order_fields(["email", "country", *shown, "phone"])
        for name in set(self.ADDRESS_FIELDS) - set(shown):
            del self.fields[name]

    def address(self) -> dict[str, str]:
        """Every address field Saleor takes; those this country has no use for are empty."""
        return {name: self.cleaned_data.get(name, "") for name in (*self.ADDRESS_FIELDS, "country", "phone")}


def chosen_country(data, fallback: str) -> str:
    """The country the address form is for: the one just chosen, if the shop knows it (an
    unknown code is refused by the form's country field, shown in the fallback's fields)."""
    code = str((data or {}).get("country") or "").upper()
    return code if code in dict(shop_countries()) else fallback


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
