"""Staff sign in with a password and a code from an authenticator app: set up at the first
sign-in (QR code, key to type in, recovery codes), each code taken once, wrong, replayed and old
codes refused and counted in the sign-in lockout; the team page shows who enrolled and an admin
can make a member enrol again."""
import re
import subprocess
import time
import uuid

import httpx
import pyotp

from deploy.runner.layout import STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack
from tests.checkout.buyer import csrf_token
from tests.staff.authenticator import AUTHENTICATOR, send_code
from tests.staff.conftest import PASSWORD, flash, make_saleor_user, sign_in_with_password
from tests.staff.test_sign_in import LIMIT, new_address, visitor

CODE_REFUSED = "That code is not right, or it was already used. Enter the next code your app shows."


def new_member(shop: Stack) -> str:
    email = f"packer-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=True, permissions=("manage_orders",))
    return email


def code_step(client: httpx.Client, email: str) -> httpx.Response:
    """The right password, and the page it leads to."""
    answer = sign_in_with_password(client, email, PASSWORD)
    assert answer.status_code == 302, answer.text
    return client.get(answer.headers["location"], follow_redirects=True)


def enrol(client: httpx.Client, email: str) -> httpx.Response:
    step = code_step(client, email)
    assert step.url.path == "/staff/sign-in/enrol/", step.url
    AUTHENTICATOR.enrol(email, step.text)
    return send_code(client, step, AUTHENTICATOR.code(email))


def enrolled_member(shop: Stack) -> str:
    email = new_member(shop)
    with visitor(shop, new_address()) as client:
        assert enrol(client, email).status_code == 302
    return email


def refusal(answer: httpx.Response) -> str:
    return re.search(r'<ul class="errorlist nonfield"><li>([^<]+)</li>', answer.text).group(1)


def test_the_right_password_without_a_code_reaches_no_staff_page(shop: Stack):
    email = enrolled_member(shop)
    with visitor(shop, new_address()) as client:
        step = code_step(client, email)

        assert step.url.path == "/staff/sign-in/code/" and "Your sign-in code" in step.text
        for path in ("/staff/", "/staff/orders/", "/staff/customers/", "/staff/stock/", "/staff/sign-in/enrol/"):
            answer = client.get(path, follow_redirects=True)
            assert answer.url.path == "/staff/sign-in/code/", (path, answer.url)
            assert answer.history[0].status_code == 302
        # The next page asked for is kept through the code step.
        orders = client.get("/staff/orders/", follow_redirects=True)
        signed_in = send_code(client, orders, AUTHENTICATOR.code(email))
        assert signed_in.status_code == 302 and signed_in.headers["location"] == "/staff/orders/"
        assert client.get("/staff/orders/").status_code == 200


def test_wrong_replayed_and_old_codes_are_refused_and_count_towards_the_lockout(shop: Stack):
    email = enrolled_member(shop)
    totp = AUTHENTICATOR.totp(email)
    with visitor(shop, new_address()) as client:
        step = code_step(client, email)
        used = AUTHENTICATOR.code(email)
        assert send_code(client, step, used).status_code == 302
        client.post("/staff/sign-out/", data={"csrfmiddlewaretoken": csrf_token(client.get("/staff/").text)})

        step = code_step(client, email)  # attempt 1 of the limit: the password
        # Still the step it was accepted for (or one after), so only its being used refuses it.
        assert used in (totp.now(), totp.at(time.time() - 30))
        replayed = send_code(client, step, used)
        two_minutes_old = send_code(client, step, totp.at(time.time() - 120))
        wrong = send_code(client, step, next(code for code in ("000000", "111111") if not totp.verify(code, valid_window=4)))
        also_wrong = send_code(client, step, "12345x")
        right_but_locked_out = send_code(client, step, AUTHENTICATOR.code(email))

        assert [replayed.status_code, two_minutes_old.status_code, wrong.status_code, also_wrong.status_code] == [403] * (LIMIT - 1)
        assert refusal(replayed) == refusal(two_minutes_old) == refusal(wrong) == CODE_REFUSED
        assert right_but_locked_out.status_code == 429
        assert "Too many sign-in attempts. Please wait a minute and try again." in right_but_locked_out.text
        assert client.get("/staff/", follow_redirects=True).url.path == "/staff/sign-in/code/"


def test_a_recovery_code_signs_in_once(shop: Stack):
    email = enrolled_member(shop)
    recovery_code = AUTHENTICATOR.recovery_codes[email][0]
    with visitor(shop, new_address()) as phone_lost:
        step = code_step(phone_lost, email)
        first = send_code(phone_lost, step, recovery_code.upper().replace("-", " "))
        assert first.status_code == 302 and phone_lost.get("/staff/").status_code == 200

    with visitor(shop, new_address()) as again:
        step = code_step(again, email)
        second = send_code(again, step, recovery_code)
        another = send_code(again, step, AUTHENTICATOR.recovery_codes[email][1])

    assert second.status_code == 403 and refusal(second) == CODE_REFUSED
    assert another.status_code == 302


def test_the_first_sign_in_sets_up_the_app_with_a_qr_code_a_key_and_recovery_codes(shop: Stack):
    email = new_member(shop)
    with visitor(shop, new_address()) as client:
        step = code_step(client, email)

        assert step.url.path == "/staff/sign-in/enrol/"
        assert re.search(r'<div class="qr-code" role="img"[^>]*><svg [^>]*viewBox=[^>]*><rect[^>]*/><path d="M', step.text)
        assert "<script" not in step.text.split("<main")[-1]
        key = re.search(r'<code id="second-factor-secret">([A-Z2-7 ]+)</code>', step.text).group(1).replace(" ", "")
        assert len(key) == 32
        assert len(set(re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", step.text))) == 10
        # Not signed in until the app's first code arrives; a wrong one is refused.
        assert client.get("/staff/", follow_redirects=True).url.path == "/staff/sign-in/enrol/"
        assert send_code(client, step, "000000" if pyotp.TOTP(key).now() != "000000" else "111111").status_code == 403

        step = client.get("/staff/sign-in/enrol/?next=/staff/")
        same_key = re.search(r'<code id="second-factor-secret">([A-Z2-7 ]+)</code>', step.text).group(1).replace(" ", "")
        assert same_key == key  # a reloaded page shows the QR code already scanned
        AUTHENTICATOR.enrol(email, step.text)
        done = send_code(client, step, AUTHENTICATOR.code(email))

        assert done.status_code == 302 and done.headers["location"] == "/staff/"
        assert "Your authenticator app is set up" in client.get("/staff/").text


def test_the_team_page_shows_who_enrolled_and_a_reset_makes_them_enrol_again(shop: Stack, admin: httpx.Client):
    enrolled, not_yet = enrolled_member(shop), new_member(shop)
    member = visitor(shop, new_address())
    code_step(member, enrolled)
    assert send_code(member, member.get("/staff/sign-in/code/"), AUTHENTICATOR.code(enrolled)).status_code == 302

    team = admin.get("/staff/team/")

    assert second_factor_cell(team.text, enrolled).startswith("Enrolled")
    assert second_factor_cell(team.text, not_yet).startswith("Not yet")
    reset = admin.post("/staff/team/second-factor/reset/", follow_redirects=True,
                       data={"csrfmiddlewaretoken": csrf_token(team.text), "email": enrolled})
    assert flash(reset.text).startswith(f"{enrolled} sets up an authenticator app again at their next sign-in")
    assert second_factor_cell(reset.text, enrolled).startswith("Not yet")
    # Their session ended, and the next sign-in sets up the app again instead of asking for a code.
    assert member.get("/staff/").status_code == 302
    assert code_step(member, enrolled).url.path == "/staff/sign-in/enrol/"
    member.close()


def second_factor_cell(team_page: str, email: str) -> str:
    row = next(row for row in re.findall(r"<tr id=\"member-\d+\".*?</tr>", team_page, re.S) if email in row)
    return re.sub(r"\s+", " ", re.search(r'<td class="second-factor">(.*?)</td>', row, re.S).group(1)).strip()


def test_only_a_local_run_may_make_the_second_factor_optional(shop: Stack):
    def load_settings(**extra: str) -> subprocess.CompletedProcess:
        env = {**shop.storefront_env(), "STAFF_SECOND_FACTOR": "optional", **extra}
        return subprocess.run(
            [str(STOREFRONT_VENV / "bin" / "python"), "-c", "import config.settings"],
            cwd=STOREFRONT_DIR, env=env, capture_output=True, text=True,
        )

    production = load_settings(
        SHOP_ENVIRONMENT="production", SHOP_LEGAL_NAME="Claw Works Inc.", SHOP_STREET_ADDRESS="12 Harbor Road",
        SHOP_CITY="Portland", SHOP_POSTAL_CODE="04101", SHOP_COUNTRY_AREA="ME", SHOP_ADDRESS_COUNTRY="US",
        SHOP_EMAIL="help@clawworks.com", SHOP_PHONE="+1 207 555 0199",
    )
    local = load_settings(SHOP_ENVIRONMENT="local")

    assert production.returncode != 0 and "STAFF_SECOND_FACTOR=optional is for local runs only" in production.stderr
    assert local.returncode == 0, local.stderr
