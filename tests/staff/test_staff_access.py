"""Only staff with the order permission get into /staff/, and sign-in is rate limited."""
import json
import re
import uuid

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.staff.conftest import PASSWORD, make_saleor_user, signed_in_client

# Read from the storefront's own URLconf, so a new staff route is tried without anyone
# remembering to add it here: each route's path, with its <converter:name> parts left in.
STAFF_ROUTES_SCRIPT = """
import json
from django.urls import URLResolver, get_resolver

def walk(patterns, prefix):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield {"name": pattern.name, "route": prefix + str(pattern.pattern)}

prefix, staff = get_resolver().namespace_dict["staff"]
print(json.dumps(list(walk(staff.url_patterns, "/" + prefix))))
"""
# Open to anonymous visitors on purpose: the way in, the way out, and where an invited staff
# member (not signed in yet) chooses a password with the token Saleor mailed them.
PUBLIC_STAFF_ROUTES = {"sign-in", "sign-out", "set-password"}
# What a staff member would send: enough for every action to succeed if access were not checked.
ACTION_DATA = {
    "amount": "5", "tracking_number": "X-1", "confirm": "on", "message": "anonymous note",
    "fulfillment_id": "RnVsZmlsbG1lbnQ6MQ==", "line_0": "1", "quantity": "7", "price": "1.00",
    "start": "2000-01-01", "end": "2100-01-01",
}


def staff_routes(shop: Stack) -> list[dict]:
    output = shop.storefront_manage("shell", "--no-imports", "-c", STAFF_ROUTES_SCRIPT).stdout
    return json.loads(output.strip().splitlines()[-1])


def fill_in(route: str, values: dict[str, str]) -> str:
    def value(part: re.Match) -> str:
        name = part.group(1)
        assert name in values, f"the staff access test needs a value for <{name}> in {route}"
        return values[name]

    return re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def turned_away(answer: httpx.Response) -> bool:
    """Sent to sign in before anything happened. A GET may pass through another staff route on
    its way (GETs change nothing); a POST must be redirected to sign-in at once, or an action that
    ran and then redirected to a protected page would look the same."""
    first = answer.history[0] if answer.history else answer
    if answer.request.method == "POST":
        return first.status_code == 302 and first.headers["location"].startswith("/staff/sign-in/?next=")
    return (
        first.status_code == 302
        and answer.status_code == 200
        and answer.url.path == "/staff/sign-in/"
        and 'name="password"' in answer.text
        and answer.url.params.get("next", "").startswith("/staff/")
    )


def test_anonymous_visitors_reach_no_staff_page_or_action(shop: Stack, place_order, staff_api):
    order = place_order()
    available = staff_api.available("QLC-001")
    routes = [route for route in staff_routes(shop) if route["name"] not in PUBLIC_STAFF_ROUTES]
    assert len(routes) >= 10, routes
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base, headers={"Origin": base}, timeout=30) as anonymous:
        # A real CSRF cookie and token: without them Django's CSRF check answers 403 before
        # the staff check is ever reached, and the test would prove nothing.
        token = csrf_token(anonymous.get("/staff/sign-in/").text)
        assert token and anonymous.cookies.get("csrftoken")
        let_in = []
        for route in routes:
            path = fill_in(route["route"], {
                "order_id": order["id"], "email": order["userEmail"], "issue_id": "1", "job_id": "1",
            })
            get = anonymous.get(path, params=ACTION_DATA, follow_redirects=True)
            post = anonymous.post(path, data={"csrfmiddlewaretoken": token, **ACTION_DATA})
            answered = [answer for answer in (get, post) if answer.status_code != 405]
            if not answered or not all(turned_away(answer) for answer in answered):
                let_in.append((path, get.status_code, post.status_code))
        assert let_in == [], "staff routes that did not send an anonymous visitor to sign in"
    after = staff_api.orders_for(order["userEmail"])[0]
    assert after["status"] == order["status"] and after["paymentStatus"] == "FULLY_CHARGED"
    assert staff_api.available("QLC-001") == available


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
