"""Export to CSV, tracking changes, capture, stock and price: through Saleor, with clear errors."""
import csv
import datetime
import io
import re
import time

import httpx

from shared_cache.page_cache import GENERATION_CHECK_SECONDS
from tests.checkout.buyer import csrf_token
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import flash, post_action


def test_export_lists_orders_in_the_range_and_refuses_a_reversed_range(admin: httpx.Client, place_order):
    order = place_order()
    today = datetime.date.today()

    reversed_range = admin.get("/staff/export/", params={"start": str(today), "end": str(today - datetime.timedelta(days=1))})
    exported = admin.get("/staff/export/", params={"start": str(today - datetime.timedelta(days=1)), "end": str(today)})

    assert reversed_range.status_code == 400
    assert "The last day must not be before the first day." in reversed_range.text
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["number", "placed_at", "customer", "email"]
    assert [order["number"], order["userEmail"]] in [[row[0], row[3]] for row in rows[1:]]


def test_tracking_can_be_changed_and_capture_refuses_a_paid_order(admin: httpx.Client, place_order):
    order = place_order()
    post_action(admin, order["id"], "fulfil", {"tracking_number": "OLD-123"})
    page = admin.get(f"/staff/orders/{order['id']}/")
    fulfillment_id = re.search(r'name="fulfillment_id" value="([^"]+)"', page.text).group(1)

    changed = post_action(admin, order["id"], "tracking", {"fulfillment_id": fulfillment_id, "tracking_number": "NEW-456"})
    foreign = post_action(admin, order["id"], "tracking", {"fulfillment_id": "RnVsZmlsbG1lbnQ6OTk5OTk=", "tracking_number": "X"})
    capture = post_action(admin, order["id"], "capture", {})

    assert flash(changed.text) == "Tracking number changed." and re.search(r"tracking <a [^>]+>NEW-456</a>", changed.text)
    assert "That shipment is not part of this order." in foreign.text
    assert capture.status_code == 400 and "There is nothing left to capture on this order." in capture.text


def product_page_shows(client: httpx.Client, price: str) -> bool:
    """Each storefront process learns of a purge within a second (the in-memory page cache checks
    the catalog generation once a second): a new price must be on the page within that."""
    deadline = time.monotonic() + 2 * GENERATION_CHECK_SECONDS + 0.5
    while price not in client.get("/products/ql-claw/").text:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_stock_and_price_are_set_through_saleor_and_shown_at_once(
    admin: httpx.Client, staff_api: SaleorStaffAPI, browser_client: httpx.Client
):
    _, _, shelf_before, allocated = staff_api.variant_stock("QLC-001")
    page = admin.get("/staff/stock/")
    try:
        saved = admin.post("/staff/stock/", data={"csrfmiddlewaretoken": csrf_token(page.text),
                                                 "quantity": allocated + 4, "price": "41.00"}, follow_redirects=True)
        assert flash(saved.text) == "Stock and price saved."
        assert 'id="low-stock"' in saved.text and "only 4 left for sale" in saved.text
        assert staff_api.available("QLC-001") == 4
        assert product_page_shows(browser_client, "$41.00")
        refused = admin.post("/staff/stock/", data={"csrfmiddlewaretoken": csrf_token(page.text), "quantity": -1, "price": "0"})
        assert refused.status_code == 400
        assert "Stock can&#x27;t be negative." in refused.text and "The price must be more than zero." in refused.text
    finally:
        restored = admin.post("/staff/stock/", data={"csrfmiddlewaretoken": csrf_token(page.text),
                                                    "quantity": shelf_before, "price": "39.00"}, follow_redirects=True)
    # Reached only when the checks above passed: the page must also put everything back.
    assert flash(restored.text) == "Stock and price saved."
    assert staff_api.variant_stock("QLC-001")[2] == shelf_before
    assert staff_api.product("ql-claw")["basePrice"]["amount"] == 39.0
    assert product_page_shows(browser_client, "$39.00")
