"""The dashboard's figures are Saleor's: today's sales (captured, net of refunds, in the shop's
time zone) and the orders waiting to ship, at two Saleor calls per view at most (the tiles, and
today's sales when older than a minute)."""
import re
import time
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx

from deploy.runner.stack import Stack
from tests.benchmarks.checkout import timing
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import post_action


def saleor_sales_on(staff_api: SaleorStaffAPI, day: date, zone: ZoneInfo) -> tuple[Decimal, int]:
    """Summed from every order Saleor has on that day, whatever its payment."""
    captured = [Decimal(str(order["totalCaptured"]["amount"])).quantize(Decimal("0.01"))
                for order in staff_api.orders_placed_on(day, zone, "totalCaptured { amount }")]
    return sum(captured, Decimal("0.00")), sum(1 for amount in captured if amount > 0)


def saleor_to_ship(staff_api: SaleorStaffAPI) -> int:
    return staff_api.execute("{ orders(filter: {status: [READY_TO_FULFILL]}) { totalCount } }")["orders"]["totalCount"]


def figures(page: httpx.Response) -> dict:
    return {
        "sales_today": Decimal(re.search(r'id="sales-today">\$([\d,.]+)<', page.text).group(1).replace(",", "")),
        "paid_today": int(re.search(r'id="paid-today">(\d+)<', page.text).group(1)),
        "to_ship": int(re.search(r'id="to-ship-count"[^>]*>(\d+) orders?<', page.text).group(1)),
    }


def wait_for_dashboard(admin: httpx.Client, expected: dict, timeout: float = 90) -> dict:
    """Sales are recorded by a job and the tiles cached for a minute: the view catches up."""
    deadline = time.monotonic() + timeout
    while True:
        shown = figures(admin.get("/staff/"))
        if shown == expected or time.monotonic() > deadline:
            return shown
        time.sleep(1)


def fresh_dashboard(shop: Stack) -> None:
    """The tiles and today's recorded sales are kept for a minute: start from Saleor's figures,
    not those an earlier test left."""
    shop.storefront_manage("shell", "-c", "from staff.dashboard.tiles import forget_tiles; forget_tiles(); "
                                          "from staff.models import DailySales; DailySales.objects.all().delete()")


def test_the_dashboard_shows_saleors_sales_today_and_orders_to_ship(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, shop_zone: ZoneInfo
):
    order = place_order(quantity=2)
    fresh_dashboard(shop)
    page = admin.get("/staff/")
    zone = shop_zone
    day = date.fromisoformat(re.search(r'data-day="([^"]+)"', page.text).group(1))
    assert day == datetime.now(zone).date()

    total, paid = saleor_sales_on(staff_api, day, zone)
    assert total >= Decimal("83.00") and paid >= 1  # the order just placed counts
    expected = {"sales_today": total, "paid_today": paid, "to_ship": saleor_to_ship(staff_api)}
    assert wait_for_dashboard(admin, expected) == expected

    # A refund from the staff area is counted again at once (its day recorded by a job).
    post_action(admin, order["id"], "refund", {"amount": "10.00"})
    total_after, paid_after = saleor_sales_on(staff_api, day, zone)
    assert total_after == total - Decimal("10.00")
    expected = {"sales_today": total_after, "paid_today": paid_after, "to_ship": saleor_to_ship(staff_api)}
    assert wait_for_dashboard(admin, expected, timeout=30) == expected


def test_the_first_dashboard_view_after_paid_orders_shows_their_sum(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, shop_zone: ZoneInfo
):
    # As on a new day, or a new shop: nothing recorded yet when the orders come in.
    shop.storefront_manage("shell", "-c", "from staff.models import DailySales; DailySales.objects.all().delete()")
    place_order(quantity=1)
    place_order(quantity=2)

    page = admin.get("/staff/")

    zone = shop_zone
    total, paid = saleor_sales_on(staff_api, datetime.now(zone).date(), zone)
    assert total >= Decimal("127.00") and paid >= 2  # 44 + 83, and any earlier test's orders
    assert (figures(page)["sales_today"], figures(page)["paid_today"]) == (total, paid)
    assert "As of " in page.text and "Not counted yet" not in page.text


def test_the_dashboard_asks_saleor_twice_at_most_and_draws_thirty_days(admin: httpx.Client, place_order):
    place_order()

    views = [admin.get("/staff/") for _ in range(3)]

    calls = [int(timing(view)["saleor"][0].split()[0]) for view in views]
    assert all(view.status_code == 200 for view in views)
    # The tiles and today's sales (read live when older than a minute) are kept for a minute.
    assert max(calls) <= 2 and calls[1:] == [0, 0], calls
    sparkline = re.search(r'<polyline points="([^"]+)"', views[-1].text).group(1)
    assert len(sparkline.split()) == 30
    assert len(re.findall(r"<tr><td>\w{3} \d+ \w{3}</td>", views[-1].text)) == 30


def test_the_to_ship_tile_links_the_oldest_orders_waiting(
    shop: Stack, admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    place_order()
    fresh_dashboard(shop)
    oldest = staff_api.execute(
        "{ orders(first: 1, filter: {status: [READY_TO_FULFILL]}, sortBy: {field: NUMBER, direction: ASC}) "
        "{ edges { node { id number } } } }"
    )["orders"]["edges"][0]["node"]

    page = admin.get("/staff/")

    tile = re.search(r'<section class="tile" id="tile-to-ship".*?</section>', page.text, re.S).group(0)
    assert f'href="/staff/orders/{oldest["id"]}/">#{oldest["number"]}</a>' in tile
    assert re.search(r'id="oldest-waiting">Oldest waiting \d+', tile)
