"""`seed_catalog` is idempotent, applies edits, and refuses a malformed file naming the field."""
import shutil
from pathlib import Path

import pytest
import yaml

from deploy.runner.layout import CATALOG_FILE
from deploy.runner.stack import Stack
from tests.saleor_api import SaleorStaffAPI


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A copy of the real data file with its pictures, safe to edit."""
    shutil.copytree(CATALOG_FILE.parent, tmp_path / "seed")
    return tmp_path / "seed" / CATALOG_FILE.name


def edit(catalog_file: Path, change) -> None:
    data = yaml.safe_load(catalog_file.read_text())
    change(data)
    catalog_file.write_text(yaml.safe_dump(data, allow_unicode=True))


def shipping_prices(staff_api: SaleorStaffAPI) -> dict:
    data = staff_api.execute("{ shippingZones(first: 10) { edges { node { name shippingMethods { name price { amount } } } } } }")
    return {
        (edge["node"]["name"], method["name"]): method["price"]["amount"]
        for edge in data["shippingZones"]["edges"]
        for method in edge["node"]["shippingMethods"]
    }


def test_seeding_the_same_file_again_changes_nothing(shop: Stack, staff_api: SaleorStaffAPI):
    before = shipping_prices(staff_api)

    output = shop.seed_catalog(CATALOG_FILE)

    assert output.strip().endswith("0 changes.")
    assert shipping_prices(staff_api) == before
    assert len(before) == 5
    assert before[("United States", "Standard")] == 5.0


def test_editing_the_file_and_seeding_again_updates_the_catalog(
    shop: Stack, staff_api: SaleorStaffAPI, catalog_copy: Path
):
    def change(data):
        data["products"][0]["name"] = "QL Claw (2nd edition)"
        data["markets"][0]["methods"][1]["price"] = "12.50"

    edit(catalog_copy, change)
    try:
        output = shop.seed_catalog(catalog_copy)
        assert "updated Product" in output and "updated ShippingMethod" in output
        assert staff_api.product("ql-claw")["name"] == "QL Claw (2nd edition)"
        assert shipping_prices(staff_api)[("United States", "Express")] == 12.5
    finally:
        shop.seed_catalog(CATALOG_FILE)
    assert staff_api.product("ql-claw")["name"] == "QL Claw"


def test_a_renamed_shipping_method_replaces_the_old_one(shop: Stack, staff_api: SaleorStaffAPI, catalog_copy: Path):
    edit(catalog_copy, lambda data: data["markets"][0]["methods"][1].update(name="Overnight"))
    try:
        output = shop.seed_catalog(catalog_copy)
        prices = shipping_prices(staff_api)
        assert "removed ShippingMethod 'Express' from United States" in output
        assert ("United States", "Overnight") in prices and ("United States", "Express") not in prices
    finally:
        shop.seed_catalog(CATALOG_FILE)
    assert ("United States", "Express") in shipping_prices(staff_api)


@pytest.mark.parametrize(
    "change, field, message",
    [
        (lambda d: d["products"][0].update(price="thirty-nine"), "products[0].price", "valid decimal"),
        (lambda d: d["products"][0].pop("sku"), "products[0].sku", "Field required"),
        (lambda d: d["products"][0].update(slug="QL Claw"), "products[0].slug", "should match pattern"),
        (lambda d: d["products"][0].update(stock=-1), "products[0].stock", "greater than or equal to 0"),
        (lambda d: d["markets"][0].update(countries=["USA"]), "markets[0].countries", "two-letter country code"),
        (lambda d: d["products"][0]["pictures"][0].update(file="pictures/missing.svg"), "products[0].pictures[0].file", "no such file"),
        (lambda d: d["shop"].update(colour="teal"), "shop.colour", "Extra inputs are not permitted"),
        (lambda d: d["staff"].update(permissions=["order.fly_to_moon"]), "staff.permissions", "unknown permission"),
        (lambda d: d["markets"][1]["methods"][0].update(name="Standard"), "markets", "unique across markets: Standard"),
        (lambda d: d["markets"][0]["methods"][0].pop("delivery"), "markets[0].methods[0].delivery", "Field required"),
        (lambda d: d["markets"][3]["countries"].append("DE"), "markets", "a country may be in one market only: DE"),
        (lambda d: d["markets"][3]["countries"].append("RU"), "sanctioned", "must not be in a market: RU"),
        (lambda d: d["markets"][1].update(code="US"), "markets", "each market code once: US"),
        (lambda d: d["markets"][2].update(duties="prepaid"), "markets[2].duties", "Input should be"),
    ],
)
def test_a_malformed_file_is_refused_with_a_message_naming_the_field(
    shop: Stack, staff_api: SaleorStaffAPI, catalog_copy: Path, change, field, message
):
    edit(catalog_copy, lambda data: (data["products"][0].update(name="Should not be saved"), change(data)))

    result = shop.saleor_manage("seed_catalog", str(catalog_copy), check=False)

    assert result.returncode != 0
    assert f"{field}: " in result.stderr and message in result.stderr, result.stderr
    assert staff_api.product("ql-claw")["name"] == "QL Claw"


def test_a_file_that_is_not_yaml_is_refused(shop: Stack, catalog_copy: Path):
    catalog_copy.write_text("products: [unclosed\n")

    result = shop.saleor_manage("seed_catalog", str(catalog_copy), check=False)

    assert result.returncode != 0
    assert "not valid YAML" in result.stderr


def shipping_countries(staff_api: SaleorStaffAPI) -> dict:
    data = staff_api.execute("{ shippingZones(first: 10) { edges { node { name default countries { code } } } } }")
    return {
        edge["node"]["name"]: (edge["node"]["default"], {country["code"] for country in edge["node"]["countries"]})
        for edge in data["shippingZones"]["edges"]
    }


def test_each_market_is_a_zone_with_exactly_its_countries_and_sanctioned_ones_in_none(shop: Stack, staff_api: SaleorStaffAPI):
    catalog = yaml.safe_load(CATALOG_FILE.read_text())

    zones = shipping_countries(staff_api)

    assert zones == {market["name"]: (False, set(market["countries"])) for market in catalog["markets"]}
    assert len(zones["European Union"][1]) == 27 and zones["United Kingdom"][1] == {"GB"}
    listed = set().union(*(countries for _, countries in zones.values()))
    assert catalog["sanctioned"] and not listed & set(catalog["sanctioned"])


def test_a_zone_the_file_no_longer_names_is_removed(shop: Stack, staff_api: SaleorStaffAPI, catalog_copy: Path):
    staff_api.execute(
        'mutation { shippingZoneCreate(input: {name: "Everywhere", default: true, countries: ["RU", "FR"]}) '
        "{ shippingErrors { message } } }"
    )
    assert "Everywhere" in shipping_countries(staff_api)

    output = shop.seed_catalog(CATALOG_FILE)

    assert "removed ShippingZone 'Everywhere'" in output
    assert "Everywhere" not in shipping_countries(staff_api)
