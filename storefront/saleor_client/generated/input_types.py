from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import CountryCode


class AddressInput(BaseModel):
    first_name: Optional[str] = Field(alias="firstName", default=None)
    last_name: Optional[str] = Field(alias="lastName", default=None)
    company_name: Optional[str] = Field(alias="companyName", default=None)
    street_address_1: Optional[str] = Field(alias="streetAddress1", default=None)
    street_address_2: Optional[str] = Field(alias="streetAddress2", default=None)
    city: Optional[str] = None
    city_area: Optional[str] = Field(alias="cityArea", default=None)
    postal_code: Optional[str] = Field(alias="postalCode", default=None)
    country: Optional[CountryCode] = None
    country_area: Optional[str] = Field(alias="countryArea", default=None)
    phone: Optional[str] = None


class CheckoutLineInput(BaseModel):
    quantity: int
    variant_id: str = Field(alias="variantId")
