"""A made-up seller that is not the local placeholder one: production settings accept it."""

SELLER = {
    "SHOP_LEGAL_NAME": "Claw Works LLC",
    "SHOP_STREET_ADDRESS": "1 Market Street",
    "SHOP_CITY": "Portland",
    "SHOP_POSTAL_CODE": "97201",
    "SHOP_COUNTRY_AREA": "OR",
    "SHOP_ADDRESS_COUNTRY": "US",
    "SHOP_EMAIL": "hello@clawworks.example",
    "SHOP_PHONE": "+1 503 555 0100",
    # Selling to the EU (on by default) also needs the EU responsible person and the IOSS number.
    "SHOP_EU_RESPONSIBLE_PERSON_NAME": "Claw Works EU B.V.",
    "SHOP_EU_RESPONSIBLE_PERSON_ADDRESS": "Kade 1, 1011 AA Amsterdam, Netherlands",
    "SHOP_EU_RESPONSIBLE_PERSON_EMAIL": "eu@clawworks.example",
    "SHOP_IOSS_NUMBER": "IM5280001234",
}
