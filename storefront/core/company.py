"""The seller: legal name, address and contact, from settings (SHOP_LEGAL_NAME, ...)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.conf import settings

from .addresses import address_lines


@dataclass(frozen=True)
class Company:
    legal_name: str
    street_address: str
    city: str
    postal_code: str
    country_area: str
    country: str
    email: str
    phone: str

    @property
    def address_lines(self) -> tuple[str, ...]:
        return address_lines({
            "street_address_1": self.street_address, "city": self.city, "postal_code": self.postal_code,
            "country_area": self.country_area, "country": self.country,
        })

    @property
    def one_line_address(self) -> str:
        return ", ".join(self.address_lines)

    @property
    def phone_link(self) -> str:
        """The number for a tel: link (digits and a leading +)."""
        return re.sub(r"[^\d+]", "", self.phone)

    def organization_jsonld(self) -> dict:
        """schema.org Organization with its address and a customer-service contact point."""
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": "QL Claw",
            "legalName": self.legal_name,
            "url": settings.SHOP_BASE_URL + "/",
            "email": self.email,
            "telephone": self.phone,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.city,
                "addressRegion": self.country_area,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            },
            "contactPoint": {
                "@type": "ContactPoint",
                "contactType": "customer service",
                "email": self.email,
                "telephone": self.phone,
                "availableLanguage": "English",
            },
        }


@functools.cache
def company() -> Company:
    return Company(
        legal_name=settings.SHOP_LEGAL_NAME,
        street_address=settings.SHOP_STREET_ADDRESS,
        city=settings.SHOP_CITY,
        postal_code=settings.SHOP_POSTAL_CODE,
        country_area=settings.SHOP_COUNTRY_AREA,
        country=settings.SHOP_ADDRESS_COUNTRY,
        email=settings.SHOP_EMAIL,
        phone=settings.SHOP_PHONE,
    )


@dataclass(frozen=True)
class Party:
    """Someone the product-safety facts name: a manufacturer or the EU responsible person."""

    name: str
    address: str
    email: str


@dataclass(frozen=True)
class ProductSafetyFacts:
    """What the General Product Safety Regulation (EU) 2023/988, Art. 19, asks an online offer
    to show, from settings; `eu_responsible_person` is None while the shop does not sell to the EU."""

    manufacturer: Party
    eu_responsible_person: Party | None


@functools.cache
def product_safety() -> ProductSafetyFacts:
    seller = company()
    manufacturer = Party(
        name=settings.SHOP_MANUFACTURER_NAME or seller.legal_name,
        address=settings.SHOP_MANUFACTURER_ADDRESS or seller.one_line_address,
        email=settings.SHOP_MANUFACTURER_EMAIL or seller.email,
    )
    responsible = Party(
        name=settings.SHOP_EU_RESPONSIBLE_PERSON_NAME,
        address=settings.SHOP_EU_RESPONSIBLE_PERSON_ADDRESS,
        email=settings.SHOP_EU_RESPONSIBLE_PERSON_EMAIL,
    ) if settings.SHOP_EU_MARKET else None
    return ProductSafetyFacts(manufacturer=manufacturer, eu_responsible_person=responsible)
