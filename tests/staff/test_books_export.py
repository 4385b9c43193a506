"""The orders export reconciles: its money columns equal Saleor's figures for every order in
the range and sum to Saleor's totals; times carry the shop's offset; the lines export has a
row per line; the form opens on this month."""
import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx

from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import post_action, return_items


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def exported(admin: httpx.Client, kind: str, start, end) -> list[dict]:
    answer = admin.get("/staff/export/", params={"kind": kind, "start": str(start), "end": str(end)})
    assert answer.status_code == 200 and answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def saleor_orders_placed(staff_api: SaleorStaffAPI, day, zone: ZoneInfo) -> dict[str, dict]:
    orders = staff_api.orders_placed_on(day, zone, (
        "number subtotal { gross { amount } } shippingPrice { gross { amount } } discount { amount } "
        "total { gross { amount } tax { amount } } totalCaptured { amount }"))
    return {order["number"]: order for order in orders}


def test_the_orders_export_matches_saleor_to_the_cent_and_carries_the_shops_offset(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, shop_zone: ZoneInfo
):
    discounted = place_order(quantity=2, promo_code="WELCOME10")
    place_order(quantity=1)
    post_action(admin, discounted["id"], "fulfil", {"carrier": "usps", "tracking_number": "9400BOOKS"})
    return_items(admin, discounted["id"], {"return_0": "1", "reason": "Books test"})
    zone = shop_zone
    today = datetime.now(zone).date()

    rows = exported(admin, "orders", today, today)

    saleor = saleor_orders_placed(staff_api, today, zone)
    assert {row["number"] for row in rows} == set(saleor)
    for row in rows:
        order = saleor[row["number"]]
        assert cents(row["subtotal"]) == cents(order["subtotal"]["gross"]["amount"])
        assert cents(row["shipping"]) == cents(order["shippingPrice"]["gross"]["amount"])
        assert cents(row["discount"]) == cents(order["discount"]["amount"] if order["discount"] else 0)
        assert cents(row["tax"]) == cents(order["total"]["tax"]["amount"])
        assert cents(row["total"]) == cents(order["total"]["gross"]["amount"])
        assert cents(row["net"]) == cents(order["totalCaptured"]["amount"])
        assert cents(row["captured"]) - cents(row["refunded"]) == cents(row["net"])
        assert cents(row["subtotal"]) - cents(row["discount"]) + cents(row["shipping"]) == cents(row["total"])
        placed = datetime.fromisoformat(row["placed_at"])
        assert placed.utcoffset() == datetime.fromisoformat(order["created"]).astimezone(zone).utcoffset()
        assert placed == datetime.fromisoformat(order["created"]).replace(microsecond=0)
    assert sum(cents(row["net"]) for row in rows) == sum(cents(o["totalCaptured"]["amount"]) for o in saleor.values())
    assert sum(cents(row["total"]) for row in rows) == sum(cents(o["total"]["gross"]["amount"]) for o in saleor.values())
    books = next(row for row in rows if row["number"] == discounted["number"])
    assert (books["discount"], books["refunded"], books["net"]) == ("7.80", "35.10", "40.10")
    assert (books["carrier"], books["tracking"]) == ("USPS", "9400BOOKS")

    lines = exported(admin, "lines", today, today)
    line = next(row for row in lines if row["number"] == discounted["number"])
    assert (line["sku"], line["quantity"], line["unit_price"], line["line_total"], line["shipped"]) == (
        "QLC-001", "2", "39.00", "78.00", "2")


def test_the_export_form_opens_on_this_month_and_refuses_a_reversed_range(admin: httpx.Client, shop_zone: ZoneInfo):
    page = admin.get("/staff/export/")
    zone = shop_zone
    today = datetime.now(zone).date()

    reversed_range = admin.get("/staff/export/", params={"start": "2026-12-05", "end": "2026-12-01"})
    garbage = admin.get("/staff/export/", params={"kind": "everything", "start": "yesterday", "end": "2026-12-01"})

    assert f'value="{today.replace(day=1)}"' in page.text and f'value="{today}"' in page.text
    assert reversed_range.status_code == 400 and "The last day must not be before the first day." in reversed_range.text
    assert garbage.status_code == 400 and "Please enter a date like 2026-11-01." in garbage.text
