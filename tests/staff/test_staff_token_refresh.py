"""A staff session keeps working past its Saleor token's short life (refreshed after three
minutes), and ends when Saleor refuses to refresh it."""
import uuid
from ast import literal_eval

from deploy.runner.stack import Stack
from tests.staff.conftest import PASSWORD, make_saleor_user, signed_in_client


def _sessions(shop: Stack, email: str, change: str = "") -> str:
    return shop.storefront_manage("shell", "-c", (
        "from datetime import timedelta; from django.utils import timezone; from staff.models import StaffSession; "
        f"rows = StaffSession.objects.filter(email={email!r}); {change}"
        "print([(row.saleor_token[-12:], round((timezone.now() - row.token_issued).total_seconds())) for row in rows])"
    )).stdout.strip().splitlines()[-1]


def test_an_old_token_is_refreshed_and_one_saleor_refuses_ends_the_session(shop: Stack):
    email = f"clerk-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=True, permissions=("manage_orders",))
    client, answer = signed_in_client(shop, email, PASSWORD)
    assert answer.status_code == 302
    before = literal_eval(_sessions(shop, email, "rows.update(token_issued=timezone.now() - timedelta(minutes=10)); "))

    refreshed_page = client.get("/staff/orders/")
    after = literal_eval(_sessions(shop, email))
    _sessions(shop, email, "rows.update(saleor_token='not-a-token', token_issued=timezone.now() - timedelta(minutes=10)); ")
    refused_page = client.get("/staff/orders/")

    assert refreshed_page.status_code == 200
    assert len(before) == len(after) == 1
    assert after[0][0] != before[0][0] and after[0][1] < 60  # a new token, issued just now
    assert refused_page.status_code == 302 and refused_page.headers["location"].startswith("/staff/sign-in/")
    assert literal_eval(_sessions(shop, email)) == []  # the dead session is gone
