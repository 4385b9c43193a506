"""Django's deployment checklist (`manage.py check --deploy`) finds nothing in the production
settings docker-compose gives the storefront, and does find the local settings' shortcuts."""
import secrets
import subprocess

from deploy.runner.environments import venv_python
from deploy.runner.layout import ROOT, STOREFRONT_VENV
from deploy.runner.stack import STOREFRONT_DIR, Stack
from tests.seller import SELLER

PRODUCTION = {
    "SHOP_ENVIRONMENT": "production",
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "shop.example.com",
    "SHOP_BASE_URL": "https://shop.example.com",
    "EMAIL_URL": "smtp+tls://shop:mail-secret@mail.example.com:587",
    **SELLER,
}


def check_deploy(shop: Stack, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(venv_python(STOREFRONT_VENV)), str(STOREFRONT_DIR / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env={**shop.storefront_env(), **settings}, cwd=ROOT, capture_output=True, text=True,
    )


def test_the_production_settings_pass_djangos_deployment_checks(shop: Stack):
    result = check_deploy(shop, **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_local_settings_do_not(shop: Stack):
    result = check_deploy(shop)

    assert result.returncode != 0
    # No HSTS, no HTTPS redirect, cookies over plain HTTP: fine on a laptop only.
    for warning in ("security.W004", "security.W008", "security.W012"):
        assert warning in result.stderr + result.stdout, warning
