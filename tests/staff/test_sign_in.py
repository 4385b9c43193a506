"""Staff sign-in limits are per account and visitor, counted before the password is checked,
and every refusal reads the same."""
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx

from deploy.runner.stack import Stack
from tests.benchmarks.checkout import timing
from tests.checkout.buyer import csrf_token
from tests.staff.authenticator import pass_second_factor
from tests.staff.conftest import PASSWORD, make_saleor_user

LIMIT = 5  # STAFF_SIGN_INS_PER_ACCOUNT's default, 5 a minute


def visitor(shop: Stack, address: str) -> httpx.Client:
    """A visitor at `address`, as the trusted proxy in front of the test stack reports it."""
    base = f"http://127.0.0.1:{shop.ports.storefront}"
    return httpx.Client(base_url=base, headers={"Origin": base, "X-Real-IP": address}, timeout=60)


def try_sign_in(client: httpx.Client, email: str, password: str) -> httpx.Response:
    page = client.get("/staff/sign-in/")
    return client.post("/staff/sign-in/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": email, "password": password})


def refusal(answer: httpx.Response) -> str:
    return re.search(r'<ul class="errorlist nonfield"><li>([^<]+)</li>', answer.text).group(1)


def new_address() -> str:
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def test_a_strangers_wrong_passwords_never_lock_the_admin_out_from_elsewhere(shop: Stack):
    stranger, admin = visitor(shop, new_address()), visitor(shop, new_address())

    guesses = [try_sign_in(stranger, shop.staff_email, "not-the-password") for _ in range(LIMIT + 2)]
    signed_in = pass_second_factor(admin, shop.staff_email, try_sign_in(admin, shop.staff_email, shop.staff_password))

    assert [answer.status_code for answer in guesses] == [403] * LIMIT + [429, 429]
    assert "Too many sign-in attempts. Please wait a minute and try again." in guesses[-2].text
    assert signed_in.status_code == 302 and signed_in.headers["location"] == "/staff/"
    # The stranger stays locked out even with the right password.
    assert try_sign_in(stranger, shop.staff_email, shop.staff_password).status_code == 429


def _end_lockout(shop: Stack, email: str, address: str, *, lockouts: int | None = None) -> None:
    """The lockout's time has passed (moved into the past in the database, not waited for)."""
    shop.storefront_manage("shell", "-c", (
        "from datetime import timedelta; from django.utils import timezone; from staff.models import SignInThrottle; "
        f"row = SignInThrottle.objects.get(account={email!r}, client_ip={address!r}); "
        "row.locked_until = timezone.now() - timedelta(seconds=1); "
        + (f"row.lockouts = {lockouts}; " if lockouts is not None else "")
        + "row.save()"
    ))


def test_the_lockout_doubles_when_the_guessing_goes_on(shop: Stack):
    address = new_address()
    guesser = visitor(shop, address)
    email = f"target-{uuid.uuid4().hex[:6]}@example.com"
    waits = []
    for _ in range(3):
        answers = [try_sign_in(guesser, email, "wrong") for _ in range(LIMIT + 1)]
        assert [answer.status_code for answer in answers] == [403] * LIMIT + [429]
        waits.append(refusal(answers[-1]))
        # Saleor was never asked while locked out: the page cost no Saleor call.
        assert timing(answers[-1])["saleor"][0] == "0 calls"
        _end_lockout(shop, email, address)
    # The seventh lockout in a row would be 64 minutes: an hour is the longest.
    _end_lockout(shop, email, address, lockouts=6)
    longest = [try_sign_in(guesser, email, "wrong") for _ in range(LIMIT + 1)][-1]

    assert waits == [f"Too many sign-in attempts. Please wait {wait} and try again."
                     for wait in ("a minute", "2 minutes", "4 minutes")]
    assert refusal(longest) == "Too many sign-in attempts. Please wait 60 minutes and try again."


def test_thirty_parallel_wrong_passwords_get_at_most_the_limit_of_tries(shop: Stack):
    address, email = new_address(), f"burst-{uuid.uuid4().hex[:6]}@example.com"
    clients = [visitor(shop, address) for _ in range(30)]
    pages = [client.get("/staff/sign-in/") for client in clients]

    def post(pair):
        client, page = pair
        return client.post("/staff/sign-in/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": email, "password": "guess"})

    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(post, zip(clients, pages)))

    saleor_calls = sum(int(timing(answer)["saleor"][0].split()[0]) for answer in answers)
    statuses = sorted(answer.status_code for answer in answers)
    assert saleor_calls <= LIMIT, f"Saleor checked {saleor_calls} passwords"
    assert statuses == [403] * saleor_calls + [429] * (30 - saleor_calls)
    assert saleor_calls == LIMIT  # all tries were used, none more


def test_a_customers_right_and_wrong_passwords_get_the_same_answer(shop: Stack):
    email = f"customer-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=False)
    client = visitor(shop, new_address())

    right = try_sign_in(client, email, PASSWORD)
    wrong = try_sign_in(client, email, "wrong-password")
    unknown = try_sign_in(client, f"nobody-{uuid.uuid4().hex[:6]}@example.com", PASSWORD)

    assert right.status_code == wrong.status_code == unknown.status_code == 403
    assert refusal(right) == refusal(wrong) == refusal(unknown)
    assert refusal(right) == "The e-mail or password is not right, or the account may not manage orders."
    assert client.get("/staff/orders/").status_code == 302


def test_a_client_address_that_is_not_an_address_falls_back_to_the_connections_own(shop: Stack):
    email = f"garbage-{uuid.uuid4().hex[:6]}@example.com"

    answers = [try_sign_in(visitor(shop, "not-an-address"), email, "wrong") for _ in range(LIMIT)]
    # Another malformed header from the same connection: the same visitor (127.0.0.1), locked out.
    other_garbage = try_sign_in(visitor(shop, "999.1.2.3"), email, "wrong")
    stored = shop.storefront_manage("shell", "-c", (
        f"from staff.models import SignInThrottle; print(sorted(SignInThrottle.objects.filter(account={email!r})"
        ".values_list('client_ip', flat=True)))"
    )).stdout

    assert [answer.status_code for answer in answers] == [403] * LIMIT
    assert other_garbage.status_code == 429
    # Counted under the connection's own address (and the account's budget row), never the header's text.
    assert "['127.0.0.1', '::']" in stored


BUDGET = 20  # STAFF_SIGN_IN_BUDGET_PER_ACCOUNT's default, 20 an hour from all addresses together


def test_guesses_spread_over_forty_addresses_are_bounded_and_the_shop_is_told_once(shop: Stack, mailbox):
    email = f"spread-{uuid.uuid4().hex[:6]}@example.com"

    started = time.monotonic()
    answers = [try_sign_in(visitor(shop, new_address()), email, "guess") for _ in range(40)]
    seconds = time.monotonic() - started

    checked = sum(int(timing(answer)["saleor"][0].split()[0]) for answer in answers)
    statuses = [answer.status_code for answer in answers]
    # The budget, then one attempt per 10 seconds whoever makes it (PACE): the 21st goes through,
    # then at most one more for each 10 seconds the 40 tries took.
    assert statuses[:BUDGET + 1] == [403] * (BUDGET + 1), statuses
    assert BUDGET + 1 <= checked <= BUDGET + 1 + seconds // 10, (checked, seconds)
    assert statuses.count(429) == 40 - checked and "Please wait" in answers[-1].text
    alerts = [m for m in mailbox.wait_for("orders@qlclaw.example", count=1, timeout=30) if email in m["Subject"]]
    assert len(alerts) == 1 and "nobody is locked out" in alerts[0].get_body(preferencelist=("plain",)).get_content()


def test_an_ipv4_mapped_address_and_one_ipv6_subscriber_count_as_one_visitor(shop: Stack):
    email = f"mapped-{uuid.uuid4().hex[:6]}@example.com"
    mapped = [try_sign_in(visitor(shop, address), email, "wrong")
              for address in ["203.0.113.66", "::ffff:203.0.113.66", "203.0.113.66", "::ffff:cb00:7142", "203.0.113.66"]]
    one_prefix = [try_sign_in(visitor(shop, f"2001:db8:7:9::{suffix}"), email, "wrong")
                  for suffix in ("1", "2", "abcd", "ffff:1", "10")]

    assert [answer.status_code for answer in mapped] == [403] * LIMIT
    assert try_sign_in(visitor(shop, "::ffff:203.0.113.66"), email, "wrong").status_code == 429
    assert [answer.status_code for answer in one_prefix] == [403] * LIMIT
    assert try_sign_in(visitor(shop, "2001:db8:7:9:dead:beef:0:1"), email, "wrong").status_code == 429
    assert try_sign_in(visitor(shop, "2001:db8:7:a::1"), email, "wrong").status_code == 403  # the next /64


def test_sign_in_counts_nobody_touched_for_a_day_are_forgotten(shop: Stack):
    created = shop.storefront_manage("shell", "-c", (
        "from datetime import timedelta; from django.utils import timezone; from staff.models import SignInThrottle; "
        "old = timezone.now() - timedelta(days=2); "
        "SignInThrottle.objects.create(account='old@example.com', client_ip='192.0.2.1', window_started=old, attempts=3); "
        "SignInThrottle.objects.create(account='locked@example.com', client_ip='192.0.2.2', window_started=old, "
        "attempts=0, locked_until=timezone.now() + timedelta(minutes=30)); "
        "SignInThrottle.objects.create(account='new@example.com', client_ip='192.0.2.3', window_started=timezone.now()); "
        "from staff.tasks import forget_old_sign_in_attempts; from staff.access.throttle import forget_old_attempts; "
        "print(f'forgot {forget_old_attempts()} sign-in counts'); "
        "print(sorted(SignInThrottle.objects.filter(client_ip__startswith='192.0.2.').values_list('account', flat=True)))"
    )).stdout

    assert "forgot 1 sign-in counts" in created
    assert "['locked@example.com', 'new@example.com']" in created
