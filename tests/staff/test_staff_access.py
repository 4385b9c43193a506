"""Only staff with the order permission get into /staff/, and sign-in is rate limited."""
import uuid

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.staff.conftest import PASSWORD, make_saleor_user, signed_in_client

STAFF_PAGES = ["/staff/", "/staff/orders/T3JkZXI6MQ==/", "/staff/orders/T3JkZXI6MQ==/packing-slip/"]
STAFF_ACTIONS = ["fulfil", "refund", "cancel", "notes"]


def test_anonymous_visitors_reach_no_staff_page_or_action(shop: Stack, place_order, staff_api):
    order = place_order()
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base, headers={"Origin": base}) as anonymous:
        for path in STAFF_PAGES:
            answer = anonymous.get(path)
            assert answer.status_code == 302 and answer.headers["location"].startswith("/staff/sign-in/?next=")
        for action in STAFF_ACTIONS:
            answer = anonymous.post(f"/staff/orders/{order['id']}/{action}/", data={"amount": "5", "tracking_number": "X", "confirm": "on", "message": "x"})
            assert answer.status_code in (302, 403)
    after = staff_api.orders_for(order["userEmail"])[0]
    assert after["status"] == order["status"] and after["paymentStatus"] == "FULLY_CHARGED"


@pytest.mark.parametrize("kind", ["customer", "staff without the order permission"])
def test_accounts_without_the_order_permission_cannot_sign_in(shop: Stack, kind: str):
    email = f"{kind.split()[0]}-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=kind != "customer", permissions=("manage_products",))

    client, answer = signed_in_client(shop, email, PASSWORD)

    assert answer.status_code == 403
    assert "The e-mail or password is not right, or the account may not manage orders." in answer.text
    assert client.get("/staff/").status_code == 302
    client.close()


def test_a_wrong_password_is_refused_and_sign_in_is_rate_limited(shop: Stack):
    email = f"guess-{uuid.uuid4().hex[:6]}@example.com"
    answers = []
    # Five failures a minute are answered; then attempts are refused before Saleor is even asked.
    # The limit counts in fixed one-minute windows, so a burst that crosses a window edge may
    # need up to five more attempts before it is refused.
    while len(answers) < 11 and (not answers or answers[-1].status_code != 429):
        answers.append(signed_in_client(shop, email, "wrong-password")[1])

    assert [a.status_code for a in answers[:5]] == [403] * 5
    assert "The e-mail or password is not right, or the account may not manage orders." in answers[0].text
    assert answers[-1].status_code == 429
    assert "Too many sign-in attempts" in answers[-1].text


def test_signing_out_ends_the_staff_session(admin: httpx.Client):
    page = admin.get("/staff/")
    assert page.status_code == 200 and "Orders" in page.text
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    admin.post("/staff/sign-out/", data={"csrfmiddlewaretoken": token})

    assert admin.get("/staff/").status_code == 302
