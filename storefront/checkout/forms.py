from typing import Any, Iterable, Mapping, Optional

from django import forms
from django.core.exceptions import ValidationError

from cart.selectors import ShippingOption
from core.addresses import address_problems, address_rules
from markets.selectors import is_sanctioned

from .selectors import country_names, shop_countries

REQUIRED = "Please fill in this field."
# Characters of each entry kept in the session for the page after a refused POST.
TYPED_KEPT = 120
AREA_REQUIRED = "This field is required for the chosen country."


def _text(label: str, *, required: bool = True, max_length: int = 256, autocomplete: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages={"required": REQUIRED, "max_length": f"Please use at most {max_length} characters."},
        widget=forms.TextInput(attrs={"autocomplete": autocomplete} if autocomplete else {}),
    )


SANCTIONED = ("We can't ship to {country}: the shop does not sell to countries under sanctions or embargoes. "
              "Please give an address in another country.")


class DestinationField(forms.ChoiceField):
    """The countries in a market; a sanctioned one is refused in its own words (not as a
    country missing from the list)."""

    def validate(self, value: str) -> None:
        if value and is_sanctioned(value):
            raise ValidationError(SANCTIONED.format(country=country_names().get(value.upper(), value)), code="sanctioned")
        super().validate(value)


class DetailsForm(forms.Form):
    """E-mail and shipping address, with the fields, labels and order of the chosen country
    (a state for the US, none for Germany, a ZIP code or an Eircode...). Saleor then validates
    the address for its country."""

    email = forms.EmailField(
        label="E-mail",
        error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address, like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    country = DestinationField(
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
    city_area = _text("District", required=False, max_length=128, autocomplete="address-level3")
    country_area = _text("State / province / region", required=False, max_length=128, autocomplete="address-level1")
    postal_code = _text("Postal code", max_length=20, autocomplete="postal-code")
    phone = _text("Phone (optional)", required=False, max_length=30, autocomplete="tel")
    # Said before the address is saved (ePrivacy Art. 13(2): the buyer may refuse at collection).
    no_reminder = forms.BooleanField(
        label="Don't remind me about this cart",
        help_text="If you leave without paying, we e-mail you about your cart a little later (twice at most). Tick to get none.",
        required=False,
    )

    ADDRESS_FIELDS = ("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "city",
                      "city_area", "country_area", "postal_code")

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Choose a country")] + shop_countries()
        self.country_code = country  # not `country`: that name is the form's field
        self.rules = rules = address_rules(country)
        fields = self.fields
        fields["city"].label = rules.city_label
        fields["city_area"].required = rules.city_area_required
        fields["city_area"].label = rules.city_area_label + ("" if rules.city_area_required else " (optional)")
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
        self.order_fields(["email", "country", *shown, "phone", "no_reminder"])
        for name in set(self.ADDRESS_FIELDS) - set(shown):
            del self.fields[name]

    @classmethod
    def typed(cls, data: Mapping[str, Any]) -> dict[str, str]:
        """What the buyer sent, kept for the page after the redirect (the session is a cookie:
        each entry is cut short)."""
        return {name: str(data.get(name, ""))[:TYPED_KEPT]
                for name in ("email", "country", *cls.ADDRESS_FIELDS, "phone", "no_reminder") if name in data}

    @classmethod
    def refused(cls, data: dict[str, str], errors: dict[str, list[str]], *, country: str) -> "DetailsForm":
        """The form as sent, with the errors found then; focus starts on the first of them."""
        form = cls(data, country=country)
        form.full_clean()
        form.errors.clear()
        for field, messages in errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        first = next((name for name in form.fields if name in form.errors), None)
        if first:
            form.fields[first].widget.attrs["autofocus"] = True
        return form

    @classmethod
    def initial_from(cls, address: dict[str, str], country: str) -> dict[str, str]:
        """The form's fields for an address Saleor stored (Japan's city/ward is its second
        street line there)."""
        if address.get("country") == country and address_rules(country).city_in_street:
            return {**address, "city": address.get("street_address_2", ""), "street_address_2": ""}
        return address

    def clean(self) -> dict:
        """Saleor's address checks, run here as well: every problem in one answer, beside the
        fields the buyer got wrong (Saleor still validates on its own)."""
        cleaned = super().clean()
        if "country" in cleaned:
            for field, message in address_problems(self.address(), self.rules).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return cleaned

    def address(self) -> dict[str, str]:
        """Every address field Saleor takes; those this country has no use for are empty."""
        address = {name: self.cleaned_data.get(name, "") for name in (*self.ADDRESS_FIELDS, "country", "phone")}
        if self.rules.city_in_street:
            address["street_address_2"], address["city"] = address["city"], ""
        return address


def chosen_country(data: Optional[Mapping[str, Any]], fallback: str) -> str:
    """The country the address form is for: the one just chosen, if the shop knows it (an
    unknown code is refused by the form's country field, shown in the fallback's fields)."""
    code = str((data or {}).get("country") or "").upper()
    return code if code in dict(shop_countries()) else fallback


class ShippingForm(forms.Form):
    shipping_method = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a shipping method.", "invalid_choice": "Please choose one of the shipping methods shown."},
    )

    def __init__(self, *args: Any, options: Iterable[ShippingOption] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shipping_method"].choices = [(option.id, option.name) for option in options]


class PromoCodeForm(forms.Form):
    code = forms.CharField(
        label="Promo code",
        max_length=100,
        error_messages={"required": "Please enter a promo code.", "max_length": "That code is too long."},
    )

    @classmethod
    def refused(cls, code: str, message: str) -> "PromoCodeForm":
        """The form as the buyer sent it, with the one reason it was refused."""
        form = cls({"code": code})
        form.full_clean()
        form.errors.clear()
        form.add_error("code", message)
        return form


class PayForm(forms.Form):
    """Only the Stripe payment token travels from the browser: amounts come from Saleor."""

    payment_token = forms.RegexField(
        regex=r"^(pm|tok)_[A-Za-z0-9]+$",
        max_length=100,
        error_messages={"required": "Please enter your card details.", "invalid": "Please enter your card details again."},
    )
