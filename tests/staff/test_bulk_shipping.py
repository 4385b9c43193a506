"""Shipping many orders at once: from a CSV of tracking numbers (all rows checked before any
ships) or from the ticked orders on the list, each with its carrier; the buyer's e-mail and
order page link the carrier's tracking page; packing slips for the selection in one page."""
import re

import httpx

from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of
from tests.saleor_api import SaleorStaffAPI
from tests.staff.conftest import flash, post_action


def upload(admin: httpx.Client, csv_text: str) -> httpx.Response:
    page = admin.get("/staff/orders/selected/", params={"do": "ship"})
    return admin.post("/staff/orders/ship-from-csv/", data={"csrfmiddlewaretoken": csrf_token(page.text)},
                      files={"file": ("tracking.csv", csv_text.encode("utf-8-sig"), "text/csv")}, follow_redirects=True)


def status_of(staff_api: SaleorStaffAPI, order: dict) -> str:
    return staff_api.orders_for(order["userEmail"])[0]["status"]


def test_three_orders_ship_from_a_tracking_csv_and_each_buyer_gets_the_carriers_link(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI, mailbox: Mailbox, shop
):
    usps, ups, letter = place_order(), place_order(quantity=2), place_order()

    shipped = upload(admin, (
        "order,carrier,tracking\n"
        f"#{usps['number']},USPS,9400111899223100000001\n"
        f"{ups['number']},ups,1Z999AA10123456784\n"
        f"#{letter['number']},none,\n"
    ))

    assert flash(shipped.text) == (f"Shipped 3 orders: #{usps['number']}, #{ups['number']}, #{letter['number']}. "
                                   "Each customer was e-mailed.")
    assert [status_of(staff_api, order) for order in (usps, ups, letter)] == ["FULFILLED"] * 3
    usps_mail = next(m for m in mailbox.wait_for(usps["userEmail"], count=2) if "on its way" in m["Subject"])
    assert "on its way with USPS" in text_of(usps_mail)
    assert "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223100000001" in text_of(usps_mail)
    ups_mail = next(m for m in mailbox.wait_for(ups["userEmail"], count=2) if "on its way" in m["Subject"])
    assert "https://www.ups.com/track?tracknum=1Z999AA10123456784" in text_of(ups_mail)
    letter_mail = next(m for m in mailbox.wait_for(letter["userEmail"], count=2) if "on its way" in m["Subject"])
    assert "by letter mail" in text_of(letter_mail) and "Tracking number" not in text_of(letter_mail)
    staff_page = admin.get(f"/staff/orders/{ups['id']}/")
    assert 'Shipped with UPS — tracking <a href="https://www.ups.com/track?tracknum=1Z999AA10123456784"' in staff_page.text
    buyer_page = httpx.get(f"{shop.storefront_url}/orders/{ups['token']}/")
    assert re.search(r"<li>On its way with UPS — tracking number <strong>1Z999AA10123456784</strong> \(<a href=\"https://www\.ups\.com/track\?tracknum=1Z999AA10123456784\"", buyer_page.text)
    assert "FULFILLED" not in buyer_page.text


def test_a_csv_with_an_unknown_order_or_carrier_ships_nothing_and_says_why(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    first, second = place_order(), place_order()

    refused = upload(admin, (
        f"{first['number']},USPS,9400111899223100000002\n"
        "#987654321,UPS,1Z999AA10123456785\n"
        f"{second['number']},Pony Express,PX-1\n"
        f"{second['number']},DHL Express,\n"
    ))

    assert refused.status_code == 400
    assert "Nothing was shipped." in refused.text
    assert "Row 2: there is no order #987654321." in refused.text
    assert "Row 3: unknown carrier “Pony Express” (use one of: USPS, UPS, FedEx" in refused.text
    assert "Row 4: order #{} is listed twice.".format(second["number"]) in refused.text
    assert "Row 4: enter the DHL Express tracking number, or choose letter mail (no tracking)." in refused.text
    assert [status_of(staff_api, order) for order in (first, second)] == ["UNFULFILLED", "UNFULFILLED"]
    not_csv = upload(admin, "just one column\n")
    assert not_csv.status_code == 400 and "Row 1 has 1 column" in not_csv.text


def test_ticked_orders_ship_each_with_its_carrier_and_print_their_slips_with_notes(
    admin: httpx.Client, place_order, staff_api: SaleorStaffAPI
):
    fedex, letter = place_order(), place_order()
    post_action(admin, fedex["id"], "notes", {"message": "Gift: no invoice in the box"})
    ticked = {"order": [fedex["id"], letter["id"]]}

    slips = admin.get("/staff/orders/selected/", params={**ticked, "do": "slips"})
    form = admin.get("/staff/orders/selected/", params={**ticked, "do": "ship"})
    missing = admin.post("/staff/orders/selected/ship/", data={
        "csrfmiddlewaretoken": csrf_token(form.text), **ticked,
        f"carrier_{fedex['id']}": "fedex", f"tracking_{fedex['id']}": "",
        f"carrier_{letter['id']}": "none", f"tracking_{letter['id']}": "",
    })
    shipped = admin.post("/staff/orders/selected/ship/", data={
        "csrfmiddlewaretoken": csrf_token(form.text), **ticked,
        f"carrier_{fedex['id']}": "fedex", f"tracking_{fedex['id']}": "612999AA10NEW",
        f"carrier_{letter['id']}": "none", f"tracking_{letter['id']}": "",
    }, follow_redirects=True)

    assert slips.status_code == 200 and slips.text.count('<section class="slip">') == 2
    assert f"Order #{fedex['number']}" in slips.text and f"Order #{letter['number']}" in slips.text
    assert "Gift: no invoice in the box" in slips.text
    assert form.status_code == 200 and form.text.count('<select name="carrier_') == 2
    assert missing.status_code == 400 and "enter the FedEx tracking number" in missing.text
    assert "Shipped 2 orders" in flash(shipped.text)
    assert [status_of(staff_api, order) for order in (fedex, letter)] == ["FULFILLED", "FULFILLED"]
    nothing_ticked = admin.get("/staff/orders/selected/", params={"do": "slips"}, follow_redirects=True)
    assert "Tick one or more orders first" in nothing_ticked.text
