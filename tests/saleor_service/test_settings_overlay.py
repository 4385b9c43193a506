"""Saleor 2.10.1's unsafe defaults are off in the shop's settings overlay."""
import base64
import json
import subprocess

import httpx
import psutil

from deploy.runner.environments import venv_python
from deploy.runner.layout import ROOT, SALEOR_VENV
from deploy.runner.stack import Stack


def test_debug_playground_and_never_expiring_tokens_are_off(shop: Stack):
    result = shop.saleor_manage(
        "shell", "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.PLAYGROUND_ENABLED, s.GRAPHQL_JWT['JWT_VERIFY_EXPIRATION'], "
        "repr(s.ALLOWED_GRAPHQL_ORIGINS), s.ALLOWED_HOSTS)",
    )
    assert result.stdout.split() == ["False", "False", "True", "''", "['127.0.0.1',", "'localhost']"]


def test_only_the_shops_own_stripe_gateway_and_tax_plugin_are_installed(shop: Stack):
    result = shop.saleor_manage("shell", "-c", "from django.conf import settings as s; print(*s.PLUGINS)")
    plugins = result.stdout.split()

    # Nothing else: every listed plugin is called for every price Saleor computes.
    assert plugins == ["qlclaw_saleor.stripe_gateway.plugin.StripePaymentIntentsPlugin",
                       "qlclaw_saleor.tax.plugin.TaxPlugin"]


def test_staff_tokens_expire_after_five_minutes(shop: Stack):
    token = httpx.post(
        f"{shop.saleor_url}/graphql/",
        json={"query": "mutation($e:String!,$p:String!){tokenCreate(email:$e,password:$p){token}}",
              "variables": {"e": shop.staff_email, "p": shop.staff_password}},
    ).json()["data"]["tokenCreate"]["token"]
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))

    assert payload["exp"] - payload["origIat"] == 300


def test_browser_origins_get_no_cors_access_and_no_playground(shop: Stack):
    response = httpx.post(
        f"{shop.saleor_url}/graphql/",
        json={"query": "{ shop { name } }"},
        headers={"Origin": "https://elsewhere.example"},
    )
    assert response.status_code == 200
    assert response.headers.get("access-control-allow-origin") in (None, "")

    page = httpx.get(f"{shop.saleor_url}/graphql/", headers={"Accept": "text/html"})
    assert "playground" not in page.text.lower()


def test_saleor_listens_on_loopback_only(shop: Stack):
    addresses = {
        connection.laddr.ip
        for connection in psutil.net_connections("tcp")
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == shop.ports.saleor
    }
    assert addresses == {"127.0.0.1"}


def test_saleor_refuses_to_start_with_a_development_secret_key(shop: Stack):
    env = {**shop.saleor_env(), "SECRET_KEY": "dev-not-secret"}
    result = subprocess.run(
        [str(venv_python(SALEOR_VENV)), "-c", "import django; django.setup()"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a development key" in result.stderr


def test_saleor_refuses_to_start_in_production_with_the_tests_tax_fault(shop: Stack):
    env = {**shop.saleor_env(), "SHOP_ENVIRONMENT": "production", "TAX_FAULT_EMAIL_DOMAIN": "tax-fault.example"}
    result = subprocess.run(
        [str(venv_python(SALEOR_VENV)), "-c", "import django; django.setup()"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "TAX_FAULT_EMAIL_DOMAIN is for the tests; unset it in production." in result.stderr


def test_sentry_in_saleor_gets_no_request_bodies(shop: Stack):
    # Saleor's own start of Sentry would attach GraphQL bodies: addresses, e-mails, passwords.
    result = subprocess.run(
        [str(venv_python(SALEOR_VENV)), "-m", "django", "shell", "-c",
         "import sentry_sdk; options = sentry_sdk.Hub.current.client.options; "
         "print(options['request_bodies'], options['send_default_pii'])"],
        env={**shop.saleor_env(), "SENTRY_DSN": "https://key@sentry.invalid/1"}, cwd=ROOT,
        capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["never", "False"]
