"""The tests' authenticator app: the secret each staff account was given when it enrolled (read
from the enrolment page, as a person would type it in), its recovery codes, and a code the shop
has not accepted yet.

The shop takes each 30-second step once per account, and the one before while it is still
current plus one: a second sign-in within the same half minute uses the step before, a third
waits for the next step.
"""
from __future__ import annotations

import re
import time

import httpx
import pyotp
from playwright.sync_api import Page

from tests.checkout.buyer import csrf_token

STEP_SECONDS = 30
# The step before is taken only this far from the end of the current one, so the shop (a few
# milliseconds later) still counts it as one step back.
MARGIN_SECONDS = 5
CODE_PAGE, ENROL_PAGE = "/staff/sign-in/code/", "/staff/sign-in/enrol/"


class Authenticator:
    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}
        self.recovery_codes: dict[str, list[str]] = {}
        self.last_step: dict[str, int] = {}

    def knows(self, email: str) -> bool:
        return email.lower() in self.secrets

    def enrol(self, email: str, enrolment_page: str) -> None:
        """Read the setup key and the recovery codes off the enrolment page."""
        secret = re.search(r'<code id="second-factor-secret">([A-Z2-7 ]+)</code>', enrolment_page).group(1)
        self.secrets[email.lower()] = secret.replace(" ", "")
        self.recovery_codes[email.lower()] = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", enrolment_page)
        self.last_step.pop(email.lower(), None)

    def totp(self, email: str) -> pyotp.TOTP:
        return pyotp.TOTP(self.secrets[email.lower()])

    def code(self, email: str) -> str:
        """A code for a step later than any this account used (waits for one when needed)."""
        totp = self.totp(email)
        while True:
            now = time.time()
            step, into = int(now // STEP_SECONDS), now % STEP_SECONDS
            last = self.last_step.get(email.lower(), -1)
            fresh = [s for s in (step - 1, step) if s > last and (s == step or into < STEP_SECONDS - MARGIN_SECONDS)]
            if fresh:
                self.last_step[email.lower()] = fresh[0]
                return totp.generate_otp(fresh[0])
            time.sleep(STEP_SECONDS - into + 0.1)


AUTHENTICATOR = Authenticator()


def pass_second_factor(client: httpx.Client, email: str, password_answer: httpx.Response) -> httpx.Response:
    """After the right password: enrol (the first time) or enter a code. Returns the step's answer,
    a redirect to the page asked for when it worked."""
    step = client.get(password_answer.headers["location"], follow_redirects=True)
    if step.url.path == ENROL_PAGE:
        AUTHENTICATOR.enrol(email, step.text)
    elif step.url.path != CODE_PAGE:
        return password_answer  # signed in without a second factor
    elif not AUTHENTICATOR.knows(email):
        raise LookupError(f"{email} enrolled outside these tests; reset it with manage.py reset_second_factor")
    return send_code(client, step, AUTHENTICATOR.code(email))


def send_code(client: httpx.Client, step: httpx.Response, code: str) -> httpx.Response:
    return client.post(str(step.url), data={"csrfmiddlewaretoken": csrf_token(step.text), "code": code})


def pass_second_factor_in_browser(page: Page, email: str, authenticator: Authenticator = AUTHENTICATOR) -> None:
    """The same in Chromium, after "Sign in" was pressed with the right password. Another shop
    than the test stack (the containers' own) has its own accounts: give it its own authenticator."""
    page.wait_for_url(re.compile(r"/staff/sign-in/(code|enrol)/"))
    if ENROL_PAGE in page.url:
        authenticator.enrol(email, page.content())
    page.get_by_role("textbox", name=re.compile(r"^Code")).fill(authenticator.code(email))
    page.get_by_role("button", name=re.compile(r"Sign in|Finish and sign in")).click()
