"""Storefront settings, every one from an environment variable (see README.md for the table).

Production refuses to start with DEBUG on and no explicit hosts, or with a short secret key.
`SHOP_ENVIRONMENT=production` also refuses the placeholder company facts.
"""
import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# `local` (./shop run, the test stack) or `production` (docker-compose): production-only
# behaviour hangs on this switch and nothing else.
SHOP_ENVIRONMENT = env.str("SHOP_ENVIRONMENT", default="local")
if SHOP_ENVIRONMENT not in ("local", "production"):
    raise ImproperlyConfigured("SHOP_ENVIRONMENT must be `local` or `production`.")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 40 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of 40 characters or more.")
# A host may carry a port ("shop.example.com:8443", as SHOP_HOST does); Django matches names only.
ALLOWED_HOSTS = [
    re.sub(r":\d+$", "", host) if not host.startswith("[") else host
    for host in env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the shop's host names, comma separated.")
SHOP_BASE_URL = env.str("SHOP_BASE_URL", default="http://localhost:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [SHOP_BASE_URL]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "procrastinate.contrib.django",
    "django_guid",
    "csp",
    "core",
    "jobs",
    "mail",
    "catalog",
    "guide",
    "newsletter",
    "shared_cache",
    "staff",
    "cart",
    "checkout",
    "express",
    "orders",
    "withdrawals",
    "scriptguard",
    "privacy_requests",
    "reviews",
    "reminders",
    "shipping",
    "markets",
    "pages",
    "health",
    "metrics",
    "analytics",
    "waiting_room",
]

MIDDLEWARE = [
    # Answers by status class for Prometheus (metrics/), outermost so it sees every 5xx.
    "metrics.middleware.ResponseCountMiddleware",
    # A request id for every request (the visitor's X-Request-ID if well formed): on every log
    # line, in the answer's header and passed on to Saleor.
    "django_guid.middleware.guid_middleware",
    "core.request_log.RequestLogMiddleware",
    # Shared pages only (core/compression.py says why); sees every header set inside it.
    "core.compression.SharedPageGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "saleor_client.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the session's middleware: an order placed or a cart emptied gives up its checkout place.
    "waiting_room.session.EndPlaceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "saleor_client.middleware.SaleorUnavailableMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
]
SERVER_TIMING = env.bool("SERVER_TIMING", default=False)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "shared_cache.context_processors.shared_cache",
                "cart.context_processors.cart_quantity",
                "guide.context_processors.canonical_url",
                "core.context_processors.seller",
                "pages.context_processors.footer",
            ],
        },
    }
]

# The concurrency budget (README, "Capacity"): each storefront process holds at most
# STOREFRONT_THREADS PostgreSQL connections, in a pool: one kept for /healthz, two for the
# checkout's queue page and door, one for the page cache's generation read, the rest for requests
# doing their work at once (core/admission.py; more wait for a work slot until their deadline).
STOREFRONT_THREADS = env.int("STOREFRONT_THREADS", default=8)
WORK_SLOTS = max(1, STOREFRONT_THREADS - 4)
# From the moment the storefront takes a request: a request that cannot start its work (a work
# slot, a Saleor slot) by then gets the 503 page at once. With Saleor's read timeout (2.5 s) a
# visitor has an answer within about 3 s whatever the queue.
REQUEST_DEADLINE_SECONDS = env.float("REQUEST_DEADLINE_SECONDS", default=1.5)
HEALTHZ_DEADLINE_SECONDS = env.float("HEALTHZ_DEADLINE_SECONDS", default=0.8)
# A checkout step's post before Pay (the address, the shipping method; not Pay, core/admission.py
# says why) waits for a work slot this long before the 503 page, rather than REQUEST_DEADLINE_SECONDS:
# fewer buyers the line let in are refused; once started, its Saleor calls have SALEOR_TIMEOUT.
CHECKOUT_POST_DEADLINE_SECONDS = env.float("CHECKOUT_POST_DEADLINE_SECONDS", default=3.0)
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not
DATABASES["default"]["OPTIONS"] = {
    # Shows in pg_stat_activity which process holds a connection (web, worker, command).
    "application_name": env.str("DATABASE_APPLICATION_NAME", default="storefront"),
    "pool": {
        "min_size": 1,
        "max_size": STOREFRONT_THREADS,
        # A request that cannot get a connection this fast gets the 503 page (Retry-After),
        # not a 30-second wait and a 500.
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=3.0),
        # While PostgreSQL is away the pool stops retrying on its own after a second (its back-off
        # would otherwise wait 1, 2, 4 … s, and a request arriving once the server is back would
        # wait for that); the next request then connects at once.
        "reconnect_timeout": 1.0,
    },
}
# Each connection is checked as it leaves the pool: after a PostgreSQL restart, dead ones are
# replaced, all at once (core/postgresql), instead of failing a request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ENGINE"] = "core.postgresql"
# TLS to a managed PostgreSQL: `verify-full` checks the server's certificate against the CA in
# DATABASE_SSLROOTCERT and its name against the host in DATABASE_URL. Procrastinate's worker pool
# reads these options too (it takes Django's connection parameters).
DATABASE_SSLMODE = env.str("DATABASE_SSLMODE", default="")
if DATABASE_SSLMODE:
    DATABASES["default"]["OPTIONS"]["sslmode"] = DATABASE_SSLMODE
    if env.str("DATABASE_SSLROOTCERT", default=""):
        DATABASES["default"]["OPTIONS"]["sslrootcert"] = env.str("DATABASE_SSLROOTCERT")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Catalog reads are cached here; a shared cache (the database table by default, Redis in
# docker-compose) lets a purge reach every worker process at once.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://storefront_cache")}
CATALOG_CACHE_SECONDS = env.int("CATALOG_CACHE_SECONDS", default=60)
# How long the cart page's summary of a cart lives (cart/summary.py): the storefront renews it on
# each change it makes; this bounds how long a change made in Saleor's dashboard goes unseen.
CART_SUMMARY_SECONDS = env.int("CART_SUMMARY_SECONDS", default=30)
FEATURED_PRODUCT_SLUG = env.str("FEATURED_PRODUCT_SLUG", default="ql-claw")
SHOP_COUNTRY = env.str("SHOP_COUNTRY", default="US")
SHOP_CURRENCY = env.str("SHOP_CURRENCY", default="USD")

# The seller, as the policy pages, the footer and the e-mails name it. The defaults are
# obviously made up (example domain, a 555 number): fine on a laptop, refused in production,
# where every fact must be set and the identifying ones must not be the made-up ones.
COMPANY_PLACEHOLDERS = {
    "SHOP_LEGAL_NAME": "QL Claw Example LLC",
    "SHOP_STREET_ADDRESS": "100 Example Street, Suite 0",
    "SHOP_CITY": "Springfield",
    "SHOP_POSTAL_CODE": "62701",
    "SHOP_COUNTRY_AREA": "IL",
    "SHOP_ADDRESS_COUNTRY": "US",
    "SHOP_EMAIL": "hello@qlclaw.example",
    "SHOP_PHONE": "+1 555 010 0000",
}
COMPANY_IDENTIFYING = ("SHOP_LEGAL_NAME", "SHOP_STREET_ADDRESS", "SHOP_EMAIL", "SHOP_PHONE")
globals().update({name: env.str(name, default=default) for name, default in COMPANY_PLACEHOLDERS.items()})
if SHOP_ENVIRONMENT == "production":
    _placeholders = [
        name for name, default in COMPANY_PLACEHOLDERS.items()
        if name not in env.ENVIRON or (name in COMPANY_IDENTIFYING and globals()[name] == default)
    ]
    if _placeholders:
        raise ImproperlyConfigured(
            f"Set {', '.join(_placeholders)}: in production the shop must name its real seller "
            "(legal name, address, e-mail, phone), not the made-up local defaults."
        )
# Selling to the EU: the General Product Safety Regulation (EU) 2023/988, Art. 19, wants the
# manufacturer and, for a manufacturer outside the EU, its EU responsible person on the product
# page; imports of up to EUR 150 need the IOSS VAT number on the customs declaration. Made-up
# defaults locally; production refuses to start without the real ones while SHOP_EU_MARKET is on.
SHOP_EU_MARKET = env.bool("SHOP_EU_MARKET", default=True)
EU_MARKET_PLACEHOLDERS = {
    "SHOP_EU_RESPONSIBLE_PERSON_NAME": "QL Claw Example EU Representative GmbH",
    "SHOP_EU_RESPONSIBLE_PERSON_ADDRESS": "Beispielstrasse 1, 10115 Berlin, Germany",
    "SHOP_EU_RESPONSIBLE_PERSON_EMAIL": "eu-representative@qlclaw.example",
    "SHOP_IOSS_NUMBER": "IM0000000000",
}
globals().update({name: env.str(name, default=default) for name, default in EU_MARKET_PLACEHOLDERS.items()})
# The manufacturer, when it is not the seller (the seller's facts are used otherwise).
SHOP_MANUFACTURER_NAME = env.str("SHOP_MANUFACTURER_NAME", default="")
SHOP_MANUFACTURER_ADDRESS = env.str("SHOP_MANUFACTURER_ADDRESS", default="")
SHOP_MANUFACTURER_EMAIL = env.str("SHOP_MANUFACTURER_EMAIL", default="")
if SHOP_ENVIRONMENT == "production" and SHOP_EU_MARKET:
    _missing = [
        name for name, default in EU_MARKET_PLACEHOLDERS.items()
        if name not in env.ENVIRON or not globals()[name].strip() or globals()[name] == default
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"Set {', '.join(_missing)}, or SHOP_EU_MARKET=false: selling to the EU needs the real EU "
            "responsible person on the product page (GPSR, Regulation (EU) 2023/988) and the IOSS number."
        )
# The seed file: shipping methods' delivery estimates live there, beside the methods they belong
# to (Saleor 2.10 has no field for them).
CATALOG_FILE = Path(env.str("CATALOG_FILE", default=str(BASE_DIR.parent / "deploy" / "seed" / "catalog.yaml")))

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_HTTPONLY = True
# The cart (a Saleor checkout token in the session) survives closing the browser: 30 days.
SESSION_COOKIE_AGE = 30 * 24 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SHOP_BASE_URL.startswith("https://")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page uses these; the payment step allows `payment` to Stripe's frames (checkout.views).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
if SHOP_ENVIRONMENT == "production":
    # The proxy terminates TLS and sets X-Forwarded-Proto from its own scheme (never the
    # visitor's header), so the storefront knows a request came over HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The container's health check asks over plain HTTP from inside; Stripe's events are signed,
    # so a sender inside the private network may post them over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^checkout/stripe/webhook/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
    # Subdomains and the browsers' preload list bind more than this shop: the owner decides.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SILENCED_SYSTEM_CHECKS = [
        *(["security.W005"] if not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
        *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
    ]

SALEOR_API_URL = env.str("SALEOR_API_URL", default="http://127.0.0.1:8001/graphql/")
# A visitor must get an answer within 3 s even when Saleor hangs: connect fast, read < 2.5 s.
SALEOR_TIMEOUT = env.float("SALEOR_TIMEOUT", default=2.5)
# Calls one storefront process sends Saleor at once (2 storefront processes × 3 keep Saleor's 2
# uWSGI processes busy with one call queued each); others wait up to SALEOR_QUEUE_TIMEOUT, then
# get the 503 page.
SALEOR_CONCURRENCY = env.int("SALEOR_CONCURRENCY", default=3)
SALEOR_QUEUE_TIMEOUT = env.float("SALEOR_QUEUE_TIMEOUT", default=10.0)
# The checkout's waiting room (waiting_room/, README "Capacity"): at most this many carts inside
# checkout at once, whatever the number of replicas; later buyers wait in line, first come first
# served. 40: measured by tests/benchmarks/waiting_room.py on the 2-core stack (README, Capacity).
CHECKOUT_ADMISSION_LIMIT = env.int("CHECKOUT_ADMISSION_LIMIT", default=40)
# The catalog file's `multi_buy:` offer (two for less), applied by the cart while this is on.
MULTI_BUY_OFFER = env.bool("MULTI_BUY_OFFER", default=True)
# The queue page reloads itself this often; a place not refreshed for WAITING_ROOM_LEAVE_SECONDS
# is lost, and a cart inside checkout with no step taken for CHECKOUT_IDLE_SECONDS leaves it.
WAITING_ROOM_REFRESH_SECONDS = env.int("WAITING_ROOM_REFRESH_SECONDS", default=10)
# The next CHECKOUT_ADMISSION_LIMIT buyers in line reload this often instead: a room freed inside
# is taken within a second or two, not up to WAITING_ROOM_REFRESH_SECONDS later.
WAITING_ROOM_NEAR_REFRESH_SECONDS = env.int("WAITING_ROOM_NEAR_REFRESH_SECONDS", default=2)
# Beyond five rooms' worth of buyers ahead, a wait of minutes: the page reloads this seldom (well
# inside WAITING_ROOM_LEAVE_SECONDS), so two thousand waiting browsers do not crowd out checkout.
WAITING_ROOM_FAR_REFRESH_SECONDS = env.int("WAITING_ROOM_FAR_REFRESH_SECONDS", default=25)
WAITING_ROOM_LEAVE_SECONDS = env.int("WAITING_ROOM_LEAVE_SECONDS", default=45)
CHECKOUT_IDLE_SECONDS = env.int("CHECKOUT_IDLE_SECONDS", default=600)
SALEOR_APP_TOKEN = env.str("SALEOR_APP_TOKEN", default="")
SALEOR_PAYMENT_GATEWAY = "qlclaw.payments.stripe"

# Stripe: the publishable key and Stripe.js for the card form, the signing secret for webhooks.
# Offline the runner points these at localstripe.
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Stripe Tax transactions (markets.stripe_tax), recorded by the worker for orders Saleor's tax
# plugin priced with Stripe Tax: a restricted key allowed to write Tax Transactions and nothing else.
STRIPE_TAX_KEY = env.str("STRIPE_TAX_KEY", default="")
STRIPE_TAX_API_BASE = env.str("STRIPE_TAX_API_BASE", default="https://api.stripe.com")
STRIPE_TAX_TIMEOUT = env.float("STRIPE_TAX_TIMEOUT", default=10.0)

# Content-Security-Policy (django-csp) on every page: our own scripts, styles and pictures only,
# no inline script or style. The payment step adds Stripe's origins (checkout.views.payment):
# Stripe.js's script, its frames (card field, 3-D Secure) and its API; offline, localstripe's
# one origin stands for all three.
_stripe_js = urlsplit(STRIPE_JS_URL)
if _stripe_js.hostname == "js.stripe.com":
    STRIPE_CSP = {"script-src": ["https://js.stripe.com"], "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
                  "connect-src": ["https://api.stripe.com"]}
else:
    _origin = f"{_stripe_js.scheme}://{_stripe_js.netloc}"
    STRIPE_CSP = {"script-src": [_origin], "frame-src": [_origin], "connect-src": [_origin]}
CSP_REPORT_PATH = "/csp-reports/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": [CSP_REPORT_PATH],
    },
}
# Violation reports one address may send (scriptguard.views.csp_report).
CSP_REPORTS_PER_IP = env.str("CSP_REPORTS_PER_IP", default="30/m")
# The wallet sheet calls the shop once per address or method the buyer tries, and once to pay.
EXPRESS_CALLS_PER_IP = env.str("EXPRESS_CALLS_PER_IP", default="60/m")
# Where the daily check looks at the payment pages (scriptguard): the public address by
# default, so it sees what buyers get through the proxy.
SCRIPT_CHECK_URL = env.str("SCRIPT_CHECK_URL", default=SHOP_BASE_URL).rstrip("/")
# The list the check compares with (default: storefront/scriptguard/inventory.yaml); another
# file lets a reviewer try a changed list against the live pages before committing it.
SCRIPT_INVENTORY_FILE = env.str("SCRIPT_INVENTORY_FILE", default="")

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR.parent / ".local" / "shop" / "media")))
MEDIA_URL = "/media/"
# Product pictures on an object store (Saleor's AWS_MEDIA_BUCKET_NAME): the bucket's or CDN's public
# address, ending in "/", under which Saleor's names ("products/…") answer. Empty: the storefront
# serves them from MEDIA_ROOT at /media/products/.
MEDIA_PUBLIC_URL = env.str("MEDIA_PUBLIC_URL", default="")
if MEDIA_PUBLIC_URL:
    _media = urlsplit(MEDIA_PUBLIC_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_media.scheme}://{_media.netloc}")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The guide's Markdown pages and their pictures (served as static files under guide/).
# Reviews: the request goes out this many days after an order ships; its link works this long.
REVIEW_REQUEST_DAYS_AFTER_SHIPPING = env.int("REVIEW_REQUEST_DAYS_AFTER_SHIPPING", default=14)
REVIEW_LINK_MAX_AGE_DAYS = env.int("REVIEW_LINK_MAX_AGE_DAYS", default=30)
REVIEWS_PER_PAGE = env.int("REVIEWS_PER_PAGE", default=10)
# Abandoned checkouts: one reminder this long after the buyer gave an e-mail address and did not pay;
# its link back to the cart works this many days.
CART_REMINDER_DELAY_MINUTES = env.int("CART_REMINDER_DELAY_MINUTES", default=60)
CART_REMINDER_LINK_DAYS = env.int("CART_REMINDER_LINK_DAYS", default=7)
# A second reminder this many hours after the first, if the cart is still left; 0: none.
CART_REMINDER_SECOND_HOURS = env.int("CART_REMINDER_SECOND_HOURS", default=24)
NEWSLETTER_CONFIRM_MAX_AGE = env.int("NEWSLETTER_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
NEWSLETTER_SIGNUPS_PER_EMAIL = env.str("NEWSLETTER_SIGNUPS_PER_EMAIL", default="5/h")
NEWSLETTER_SIGNUPS_PER_IP = env.str("NEWSLETTER_SIGNUPS_PER_IP", default="20/h")
STAFF_SIGN_INS_PER_IP = env.str("STAFF_SIGN_INS_PER_IP", default="10/m")
ORDER_LOOKUPS_PER_IP = env.str("ORDER_LOOKUPS_PER_IP", default="10/h")
ORDER_LOOKUPS_PER_EMAIL = env.str("ORDER_LOOKUPS_PER_EMAIL", default="3/h")
# The withdrawal form (order number + e-mail), limited like the order lookup.
WITHDRAWALS_PER_IP = env.str("WITHDRAWALS_PER_IP", default="10/h")
WITHDRAWALS_PER_EMAIL = env.str("WITHDRAWALS_PER_EMAIL", default="3/h")
# A buyer's copy of their data and its erasure (privacy_requests/): how often one may ask,
# how long the download link works, and how long orders are kept for tax and accounting law
# (the privacy page states the same period).
DATA_REQUESTS_PER_IP = env.str("DATA_REQUESTS_PER_IP", default="10/h")
DATA_REQUESTS_PER_EMAIL = env.str("DATA_REQUESTS_PER_EMAIL", default="3/h")
DATA_EXPORT_LINK_DAYS = env.int("DATA_EXPORT_LINK_DAYS", default=7)
ORDER_RETENTION_YEARS = env.int("ORDER_RETENTION_YEARS", default=7)
# Sign-in attempts for one account from one visitor before a lockout that doubles each time.
STAFF_SIGN_INS_PER_ACCOUNT = env.str("STAFF_SIGN_INS_PER_ACCOUNT", default="5/m")
# Attempts at one account from all addresses together; past it, one attempt every 10 seconds
# and one e-mail to SHOP_ORDERS_EMAIL (staff/throttle.py).
STAFF_SIGN_IN_BUDGET_PER_ACCOUNT = env.str("STAFF_SIGN_IN_BUDGET_PER_ACCOUNT", default="20/h")
# Staff sign in with a password and a code from an authenticator app (staff/second_factor.py).
# `optional` lets accounts that never enrolled in with the password alone: on a laptop
# (`./shop run`) only, never in production.
STAFF_SECOND_FACTOR = env.str("STAFF_SECOND_FACTOR", default="required")
if STAFF_SECOND_FACTOR not in ("required", "optional"):
    raise ImproperlyConfigured("STAFF_SECOND_FACTOR must be `required` or `optional`.")
if STAFF_SECOND_FACTOR == "optional" and SHOP_ENVIRONMENT != "local":
    raise ImproperlyConfigured(
        "STAFF_SECOND_FACTOR=optional is for local runs only: in production every staff account "
        "signs in with a second factor. Remove the setting (or set it to `required`)."
    )
# Reverse proxies whose X-Real-IP header names the visitor (comma separated addresses or
# networks, e.g. "127.0.0.1" or "172.16.0.0/12"); a malformed entry stops the start.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy.strip(), strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or network ({_error}).")
# Counting page views (analytics/): beacons one address may send, and how often each process
# writes its counts (one upsert per flush, whatever the number of views).
ANALYTICS_BEACONS_PER_IP = env.str("ANALYTICS_BEACONS_PER_IP", default="120/minute")
ANALYTICS_FLUSH_SECONDS = env.float("ANALYTICS_FLUSH_SECONDS", default=2.0)
# Share of page views that also measure Core Web Vitals (0 to 1).
ANALYTICS_VITALS_SAMPLE = env.float("ANALYTICS_VITALS_SAMPLE", default=0.1)
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
CONTENT_DIR = Path(env.str("CONTENT_DIR", default=str(BASE_DIR.parent / "content")))
# The guide's share pictures, drawn from the SVGs by `manage.py draw_previews` before collectstatic.
PREVIEWS_DIR = Path(env.str("PREVIEWS_DIR", default=str(BASE_DIR / "previews")))
STATICFILES_DIRS = [BASE_DIR / "static", ("guide", CONTENT_DIR / "pictures"), ("guide-previews", PREVIEWS_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed, hashed-name files, plus every script's integrity hash (scriptguard).
    "staticfiles": {"BACKEND": "scriptguard.storage.IntegrityManifestStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# An SMTP server that accepts the connection and then hangs must not hold a job forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# django-templated-email: one `<app>/email/<name>.email` file per mail (subject, plain, html).
TEMPLATED_EMAIL_TEMPLATE_DIR = ""
TEMPLATED_EMAIL_FILE_EXTENSION = "email"
TEMPLATED_EMAIL_AUTO_PLAIN = False

# Background jobs (procrastinate, on this database). `manage.py run_jobs` runs them.
PROCRASTINATE_WORKER_DEFAULTS = {
    "concurrency": env.int("JOB_WORKER_CONCURRENCY", default=4),
    # Jobs arrive by LISTEN/NOTIFY at once; polling is the fallback after a lost connection.
    "fetch_job_polling_interval": 5,
    "shutdown_graceful_timeout": 20,
    "update_heartbeat_interval": env.int("JOB_HEARTBEAT_SECONDS", default=10),
}
# A worker silent for this long is dead (killed, machine lost): its running jobs are retried.
# Keep it at 3 heartbeats or more, or a busy but living worker's jobs would run twice.
JOB_STALLED_AFTER_SECONDS = env.int("JOB_STALLED_AFTER_SECONDS", default=30)
PROCRASTINATE_WORKER_DEFAULTS["stalled_worker_timeout"] = JOB_STALLED_AFTER_SECONDS
# How often a failing job is tried in all (waits of 2, 4, 8 … seconds between tries).
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=14)
# A completion whose outcome is unknown is settled only after Saleor has surely finished it:
# longer than Saleor's own request limit (uWSGI harakiri, 30 s) plus margin.
SETTLE_AFTER_SECONDS = env.int("SETTLE_AFTER_SECONDS", default=45)
# A buyer doing 3-D Secure is left alone this long before the shop asks Stripe itself.
SETTLE_AUTHENTICATION_AFTER_SECONDS = env.int("SETTLE_AUTHENTICATION_AFTER_SECONDS", default=600)
# After a day without an order, a payment is given up (any hold released).
SETTLE_GIVE_UP_SECONDS = env.int("SETTLE_GIVE_UP_SECONDS", default=24 * 3600)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="QL Claw <orders@qlclaw.example>")
# Where the shop hears of new orders: "each" paid order at once, or a "daily" digest of the
# previous day's orders at ORDER_DIGEST_HOUR (the shop's time).
SHOP_ORDERS_EMAIL = env.str("SHOP_ORDERS_EMAIL", default="orders@qlclaw.example")
NEW_ORDER_ALERTS = env.str("NEW_ORDER_ALERTS", default="each")
if NEW_ORDER_ALERTS not in ("each", "daily"):
    raise ImproperlyConfigured('NEW_ORDER_ALERTS must be "each" or "daily".')
ORDER_DIGEST_HOUR = env.int("ORDER_DIGEST_HOUR", default=7)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The shop's own day: staff pages show times in it, and "sales today" starts at its midnight.
SHOP_TIME_ZONE = env.str("SHOP_TIME_ZONE", default="America/New_York")
USE_I18N = False
USE_TZ = True

# Every line carries the request id (django-guid; "-" outside a request). Production writes one
# JSON object per line (python-json-logger) for the log collector; locally, plain text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"},
        "hide_job_arguments": {"()": "core.logs.HideJobArguments"},
        "redact_secret_paths": {"()": "core.logs.RedactSecretPaths"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "hide_job_arguments", "redact_secret_paths"],
            "formatter": "json" if SHOP_ENVIRONMENT == "production" else "plain",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # httpx logs every request at INFO; Saleor calls are counted by the client instead.
    # The filters on the loggers below also run before Sentry sees a record (its logging
    # integration hooks in after a logger's own filters, before the handlers').
    "loggers": {
        "httpx": {"level": "WARNING"},
        # One line per periodic task at every start of every process says nothing new.
        "procrastinate.periodic": {"level": "WARNING"},
        # One line per job: its end (with status and duration); the start adds nothing.
        "procrastinate.worker.worker": {"level": "WARNING", "filters": ["hide_job_arguments"]},
        "procrastinate.worker": {"filters": ["hide_job_arguments"]},
        "procrastinate.jobs": {"filters": ["hide_job_arguments"]},
        "django.request": {"filters": ["redact_secret_paths"]},
        "saleor_client": {"filters": ["redact_secret_paths"]},
    },
}

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    # A well-formed id from the proxy (or a caller) is kept, anything else replaced.
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
}

# Who processes buyers' data, named on the privacy page (pages/privacy.py).
SHOP_HOSTING_PROVIDER = env.str("SHOP_HOSTING_PROVIDER", default="")
SHOP_HOSTING_LOCATION = env.str("SHOP_HOSTING_LOCATION", default="United States")
SHOP_MAIL_PROVIDER = env.str("SHOP_MAIL_PROVIDER", default="")
SHOP_MAIL_PROVIDER_LOCATION = env.str("SHOP_MAIL_PROVIDER_LOCATION", default="United States")
# Error reporting: on when SENTRY_DSN is set (web and job worker alike). No personal data is sent:
# no request bodies, query strings, cookies or local variables, and buyers' links redacted.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    from core.logs import scrub_sentry_event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=SHOP_ENVIRONMENT,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_sentry_event,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
