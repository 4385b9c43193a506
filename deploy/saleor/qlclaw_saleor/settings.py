"""Saleor 2.10.1 settings for the QL Claw shop.

Imports Saleor's own settings and overrides them from environment variables. Saleor's
defaults are unsafe for a shop (DEBUG on, JWTs that never expire, the GraphQL playground,
any origin allowed), so this module turns them off unless the environment says otherwise.
"""
import os

from django.core.exceptions import ImproperlyConfigured

# saleor.settings reads DEBUG at import time and derives other settings from it
# (template debug, SECRET_KEY fallback), so the safe default must be in place first.
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("PLAYGROUND_ENABLED", "False")
os.environ.setdefault("DEFAULT_COUNTRY", "US")
os.environ.setdefault("DEFAULT_CURRENCY", "USD")

from saleor.settings import *  # noqa: E402,F401,F403
from saleor.settings import (  # noqa: E402
    DEBUG,
    INSTALLED_APPS,
    TEMPLATES,
    get_list,
)

PROJECT_DIR = os.path.dirname(os.path.abspath(__file__))


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for Saleor.")
    return value


if not DEBUG:
    SECRET_KEY = _required("SECRET_KEY")
    if SECRET_KEY.startswith("dev-"):
        raise ImproperlyConfigured(
            "SECRET_KEY is a development key; generate a real one for production."
        )

ALLOWED_HOSTS = get_list(_required("ALLOWED_HOSTS"))
# The API is private: only the storefront (server-side) talks to it, so no browser
# origin needs CORS access.
ALLOWED_GRAPHQL_ORIGINS = os.environ.get("ALLOWED_GRAPHQL_ORIGINS", "")

# TLS to a managed PostgreSQL, as the storefront reads it: DATABASE_SSLMODE (`verify-full`) and
# the CA bundle in DATABASE_SSLROOTCERT, given to libpq through psycopg2.
if os.environ.get("DATABASE_SSLMODE"):
    DATABASES["default"].setdefault("OPTIONS", {})["sslmode"] = os.environ["DATABASE_SSLMODE"]  # noqa: F405
    if os.environ.get("DATABASE_SSLROOTCERT"):
        DATABASES["default"]["OPTIONS"]["sslrootcert"] = os.environ["DATABASE_SSLROOTCERT"]  # noqa: F405

# The wheel looks for media/static/templates next to site-packages; keep them in the project.
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", os.path.join(PROJECT_DIR, "media"))
STATIC_ROOT = os.environ.get("STATIC_ROOT", os.path.join(PROJECT_DIR, "static"))
TEMPLATES[0]["DIRS"] = [os.path.join(PROJECT_DIR, "templates")]

INSTALLED_APPS = INSTALLED_APPS + [
    "qlclaw_saleor.seeding",
    "qlclaw_saleor.connections",
    "qlclaw_saleor.profiling",
    "qlclaw_saleor.graphql_documents",
    "qlclaw_saleor.tax.apps.TaxConfig",
]

# Saleor's URLs, its GraphQL schema extended with qlclawCheckoutLinesAdd (qlclaw_saleor/cart/).
ROOT_URLCONF = "qlclaw_saleor.urls"

# Only the shop's own gateway. The bundled Stripe gateway does not work with the current Stripe
# API (no 3-D Secure confirm step, reads the removed `charges` list); the dummy gateway would let
# anyone "pay" without money. The rest were pure cost per request: Saleor's manager calls every
# listed plugin for every price it computes (an add to cart computes several), and the webhook
# plugin looks up webhooks on each checkout change — but no tax is collected (Avatax, Vatlayer),
# no Saleor webhook is used (Stripe's go to the storefront) and no other gateway is offered.
PLUGINS = [
    "qlclaw_saleor.stripe_gateway.plugin.StripePaymentIntentsPlugin",
    # Tax by market (qlclaw_saleor/tax/): Saleor calls it for every line, shipping and total.
    "qlclaw_saleor.tax.plugin.TaxPlugin",
]

# The seed files: deploy/seed/ in the repository, /app/seed in the image.
SHOP_SEED_DIR = os.environ.get("SHOP_SEED_DIR") or next(
    (path for path in (os.path.join(PROJECT_DIR, "..", "seed"), os.path.join(PROJECT_DIR, "..", "..", "seed"))
     if os.path.isfile(os.path.join(path, "catalog.yaml"))),
    os.path.join(PROJECT_DIR, "..", "..", "seed"),
)
# Markets (which country is in which, its tax regime and duties) come from the catalog file.
CATALOG_FILE = os.path.join(SHOP_SEED_DIR, "catalog.yaml")
TAX_RATES_FILE = os.environ.get("TAX_RATES_FILE") or os.path.join(SHOP_SEED_DIR, "tax_rates.yaml")
# `offline` (the rates file) or `stripe_tax` (Stripe Tax Calculations, offline rates on failure).
TAX_BACKEND = os.environ.get("TAX_BACKEND", "offline")
if TAX_BACKEND not in ("offline", "stripe_tax"):
    raise ImproperlyConfigured("TAX_BACKEND is `offline` or `stripe_tax`.")
# Tests only: an order whose buyer's e-mail is at this domain makes the tax plugin's
# order_created hook fail (tests/checkout/test_tax_hook_fault.py). Refused in production.
TAX_FAULT_EMAIL_DOMAIN = os.environ.get("TAX_FAULT_EMAIL_DOMAIN", "")
if TAX_FAULT_EMAIL_DOMAIN and os.environ.get("SHOP_ENVIRONMENT") == "production":
    raise ImproperlyConfigured("TAX_FAULT_EMAIL_DOMAIN is for the tests; unset it in production.")
# US states where the seller must collect sales tax (the warehouse is in California).
TAX_NEXUS_STATES = [state.strip().upper() for state in os.environ.get("TAX_NEXUS_STATES", "CA").split(",") if state.strip()]
# The seller's IOSS number (EU VAT on imports up to EUR 150, collected at checkout; the same
# variable the storefront prints). In production a catalog with an EU market needs it.
SHOP_IOSS_NUMBER = os.environ.get("SHOP_IOSS_NUMBER", "")
if os.environ.get("SHOP_ENVIRONMENT") == "production" and not SHOP_IOSS_NUMBER:
    import yaml

    with open(CATALOG_FILE, encoding="utf-8") as catalog:
        if any(market.get("code") == "EU" for market in (yaml.safe_load(catalog) or {}).get("markets", [])):
            raise ImproperlyConfigured(
                "Set SHOP_IOSS_NUMBER: the catalog's EU market collects VAT at checkout under IOSS."
            )
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_TAX_API_BASE = os.environ.get("STRIPE_TAX_API_BASE", "https://api.stripe.com")
STRIPE_TAX_TIMEOUT = float(os.environ.get("STRIPE_TAX_TIMEOUT", "5"))
if TAX_BACKEND == "stripe_tax" and not STRIPE_SECRET_KEY:
    raise ImproperlyConfigured("TAX_BACKEND=stripe_tax needs STRIPE_SECRET_KEY.")

# Staff tokens must expire (Saleor's default is never); 5 minutes, refreshed by the storefront.
GRAPHQL_JWT["JWT_VERIFY_EXPIRATION"] = True  # noqa: F405

# One line per request with the storefront's request id; JSON lines when SALEOR_LOG_FORMAT=json
# (docker-compose), for the same log collector as the storefront's.
MIDDLEWARE = ["qlclaw_saleor.request_log.RequestLogMiddleware", "qlclaw_saleor.graphql_guard.GraphQLGuardMiddleware"] + MIDDLEWARE  # noqa: F405
# Schema introspection only where a developer asks for it (the runner's local and test stacks).
GRAPHQL_INTROSPECTION = os.environ.get("GRAPHQL_INTROSPECTION") == "on"
LOGGING["filters"] = {**LOGGING.get("filters", {}), "request_id": {"()": "qlclaw_saleor.request_log.RequestIdFilter"}}  # noqa: F405
LOGGING["formatters"]["json"] = {  # noqa: F405
    "()": "pythonjsonlogger.json.JsonFormatter",
    "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]  # noqa: F405
if os.environ.get("SALEOR_LOG_FORMAT") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
LOGGING["loggers"]["qlclaw_saleor"] = {"level": "INFO", "propagate": True}  # noqa: F405

# Saleor 2.10 starts Sentry by itself when SENTRY_DSN is set, with request bodies attached: a
# GraphQL body holds buyers' addresses and e-mails, and passwords on sign-in. Start it again
# without them.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        integrations=[CeleryIntegration(), DjangoIntegration()],
        send_default_pii=False,
        request_bodies="never",
    )
