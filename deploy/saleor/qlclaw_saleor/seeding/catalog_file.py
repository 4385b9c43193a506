"""The shape of deploy/seed/catalog.yaml, validated before anything touches the database."""
from decimal import Decimal
from pathlib import Path
from typing import List, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"


class CatalogFileError(Exception):
    """The data file cannot be used; the message names the file and the field."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Shop(Strict):
    name: str = Field(min_length=1, max_length=100)
    domain: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=500)
    default_weight_unit: str = Field(default="g", pattern=r"^(g|kg|lb|oz)$")


class Address(Strict):
    company_name: str = ""
    street_address_1: str = Field(min_length=1)
    city: str = Field(min_length=1)
    postal_code: str = Field(min_length=1)
    country: str = Field(pattern=COUNTRY_PATTERN)
    country_area: str = ""


class Warehouse(Strict):
    name: str = Field(min_length=1)
    slug: str = Field(pattern=SLUG_PATTERN)
    email: str = ""
    address: Address


class Named(Strict):
    name: str = Field(min_length=1, max_length=250)
    slug: str = Field(pattern=SLUG_PATTERN)


class Category(Named):
    description: str = ""


class ProductType(Named):
    is_shipping_required: bool = True


class Picture(Strict):
    file: str = Field(min_length=1)
    alt: str = Field(min_length=1, max_length=128)


class Specification(Strict):
    name: str = Field(min_length=1, max_length=60)
    value: str = Field(min_length=1, max_length=300)


class Question(Strict):
    question: str = Field(min_length=1, max_length=200)
    answer: str = Field(min_length=1, max_length=1000)


class Product(Named):
    sku: str = Field(min_length=1, max_length=255)
    price: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    weight_grams: int = Field(gt=0)
    stock: int = Field(ge=0)
    seo_title: str = Field(default="", max_length=70)
    seo_description: str = Field(default="", max_length=300)
    description: List[str] = Field(min_length=1)
    pictures: List[Picture] = Field(min_length=1)
    specifications: List[Specification] = Field(default_factory=list)
    faq: List[Question] = Field(default_factory=list)


class ShippingMethod(Strict):
    name: str = Field(min_length=1, max_length=100)
    price: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    # Read by the storefront only (Saleor 2.10 has no delivery-time field).
    delivery: str = Field(min_length=1, max_length=60)


def _country_codes(codes: List[str]) -> List[str]:
    for code in codes:
        if len(code) != 2 or not code.isalpha() or not code.isupper():
            raise ValueError(f"{code!r} is not a two-letter country code such as US")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ValueError(f"listed twice: {', '.join(repeated)}")
    return codes


class Market(Strict):
    """A group of countries sharing a tax regime; seeded as one Saleor shipping zone."""

    code: Literal["US", "EU", "UK", "ROW"]
    name: str = Field(min_length=1, max_length=100)
    countries: List[str] = Field(min_length=1)
    tax: Literal["us_sales_tax", "eu_vat", "uk_vat", "none"]
    duties: Literal["none", "DDP", "DAP"]
    methods: List[ShippingMethod] = Field(min_length=1)

    @field_validator("countries")
    @classmethod
    def countries_are_codes(cls, countries: List[str]) -> List[str]:
        return _country_codes(countries)


class Staff(Strict):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    first_name: str = Field(default="", max_length=256)
    last_name: str = Field(default="", max_length=256)
    permissions: List[str] = Field(min_length=1)


class PermissionGroup(Strict):
    name: str = Field(min_length=1, max_length=150)
    permissions: List[str] = Field(min_length=1)


class Voucher(Strict):
    code: str = Field(pattern=r"^[A-Z0-9]{3,12}$")
    name: str = Field(min_length=1, max_length=255)
    percent_off: Decimal = Field(gt=0, le=100, decimal_places=2)


class MultiBuy(Strict):
    """A lower price for two or more: a fixed amount off the order, for checkouts of at least
    `min_quantity` units (Saleor's voucher minimum), which the storefront applies itself."""

    code: str = Field(pattern=r"^[A-Z0-9]{3,12}$")
    name: str = Field(min_length=1, max_length=255)
    min_quantity: int = Field(ge=2, le=50)
    amount_off: Decimal = Field(gt=0, decimal_places=2)


class StorefrontApp(Strict):
    name: str = Field(min_length=1, max_length=60)
    permissions: List[str] = Field(min_length=1)


class Catalog(Strict):
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    shop: Shop
    warehouse: Warehouse
    category: Category
    product_type: ProductType
    products: List[Product] = Field(min_length=1)
    markets: List[Market] = Field(min_length=1)
    # Never in a market: an address there is refused (the storefront reads this list too).
    sanctioned: List[str] = Field(default_factory=list)
    vouchers: List[Voucher] = Field(default_factory=list)
    multi_buy: Optional[MultiBuy] = None
    staff: Staff
    permission_groups: List[PermissionGroup] = Field(default_factory=list)
    storefront_app: StorefrontApp

    @field_validator("markets")
    @classmethod
    def markets_do_not_overlap(cls, markets: List[Market]) -> List[Market]:
        codes = [market.code for market in markets]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise ValueError(f"each market code once: {', '.join(repeated)}")
        # Saleor picks a buyer's zone by country; a country in two zones would be priced twice.
        countries = [country for market in markets for country in market.countries]
        repeated = sorted({country for country in countries if countries.count(country) > 1})
        if repeated:
            raise ValueError(f"a country may be in one market only: {', '.join(repeated)}")
        # The storefront finds a method's delivery estimate by its name.
        names = [method.name for market in markets for method in market.methods]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"shipping method names must be unique across markets: {', '.join(repeated)}")
        return markets

    @field_validator("sanctioned")
    @classmethod
    def sanctioned_are_in_no_market(cls, sanctioned: List[str], info: ValidationInfo) -> List[str]:
        _country_codes(sanctioned)
        markets = info.data.get("markets") or []
        sold_to = sorted({country for market in markets for country in market.countries} & set(sanctioned))
        if sold_to:
            raise ValueError(f"sanctioned countries must not be in a market: {', '.join(sold_to)}")
        return sanctioned


def _field_path(location: tuple) -> str:
    """('products', 0, 'price') -> 'products[0].price'"""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def load_catalog(path: Path) -> Catalog:
    """Read and validate the data file; every problem is reported with its field path."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogFileError(f"{path}: file not found")
    except yaml.YAMLError as error:
        raise CatalogFileError(f"{path}: not valid YAML: {error}")
    if not isinstance(raw, dict):
        raise CatalogFileError(f"{path}: expected a mapping of sections at the top level")
    try:
        catalog = Catalog.model_validate(raw)
    except ValidationError as error:
        problems = [
            f"  {_field_path(problem['loc']) or '(top level)'}: {problem['msg']}"
            for problem in error.errors()
        ]
        raise CatalogFileError(f"{path}: invalid catalog data\n" + "\n".join(problems))
    pictures_dir = path.parent
    for index, product in enumerate(catalog.products):
        for picture_index, picture in enumerate(product.pictures):
            if not (pictures_dir / picture.file).is_file():
                raise CatalogFileError(
                    f"{path}: invalid catalog data\n"
                    f"  products[{index}].pictures[{picture_index}].file: "
                    f"no such file {pictures_dir / picture.file}"
                )
    return catalog
