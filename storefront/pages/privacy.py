"""What the privacy page states about cookies and processors, generated from the settings that
decide them, so the page cannot drift from what the shop does (a browser test compares the
cookie list with what Chromium holds after a purchase)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Optional
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

# Stripe.js sets these on the shop's own domain on the payment step, for fraud prevention
# (Stripe's cookie policy: __stripe_mid 1 year, __stripe_sid 30 minutes). localstripe's stand-in
# Stripe.js sets none, so they are listed only when the real Stripe.js is loaded.
STRIPE_COOKIES = (
    ("__stripe_mid", timedelta(days=365)),
    ("__stripe_sid", timedelta(minutes=30)),
)


@dataclass(frozen=True)
class ShopCookie:
    name: str
    purpose: str
    set_by: str
    lifetime: Optional[timedelta]  # None: until the browser is closed (or sooner, as `purpose` says)

    @property
    def lifetime_words(self) -> str:
        if self.lifetime is None:
            return "Until you close the browser"
        days = self.lifetime.days
        if days >= 360:
            return f"{round(days / 365)} year" if round(days / 365) == 1 else f"{round(days / 365)} years"
        if days >= 1:
            return f"{days} days"
        return f"{int(self.lifetime.total_seconds() // 60)} minutes"


@dataclass(frozen=True)
class Processor:
    name: str
    purpose: str
    data: str
    location: str


def uses_real_stripe_js() -> bool:
    return urlsplit(settings.STRIPE_JS_URL).hostname == "js.stripe.com"


def shop_cookies() -> tuple[ShopCookie, ...]:
    """Every cookie the shop's pages can leave in a browser, with its lifetime from settings."""
    cookies = [
        ShopCookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose="Keeps your cart and your place in the checkout (and a signed-in shop admin's session). "
                    "Signed so it cannot be altered; scripts cannot read it.",
            set_by="This shop, once you add to the cart or use a form that needs it",
            lifetime=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else timedelta(seconds=settings.SESSION_COOKIE_AGE),
        ),
        ShopCookie(
            name=settings.CSRF_COOKIE_NAME,
            purpose="Protects the shop's forms against forged submissions from other sites (CSRF). "
                    "It holds a random value and nothing about you.",
            set_by="This shop, on any page with a form",
            lifetime=timedelta(seconds=settings.CSRF_COOKIE_AGE) if settings.CSRF_COOKIE_AGE else None,
        ),
        ShopCookie(
            name=CookieStorage.cookie_name,
            purpose="Carries a one-time notice (such as \u201cAdded to your cart\u201d) to the next page; "
                    "removed as soon as it is shown.",
            set_by="This shop, after an action that shows a notice",
            lifetime=None,
        ),
    ]
    if uses_real_stripe_js():
        cookies += [
            ShopCookie(name=name, lifetime=lifetime, set_by="Stripe.js, our payment provider's script, on the payment step only",
                       purpose="Stripe's fraud prevention: tells Stripe whether a payment comes from a device seen before.")
            for name, lifetime in STRIPE_COOKIES
        ]
    return tuple(cookies)


def processors() -> tuple[Processor, ...]:
    """Who processes buyers' data for the shop, from the settings that switch them on."""
    found = [
        Processor(
            name="Stripe",
            purpose="Takes card payments and refunds them",
            data="Card details (entered into Stripe's own form), amount, e-mail address, device data for fraud checks",
            location="United States and Ireland",
        ),
        Processor(
            name=settings.SHOP_MAIL_PROVIDER or "Our e-mail provider",
            purpose="Delivers the shop's e-mails (order, shipping, refund, withdrawal, newsletter)",
            data="Your e-mail address and the e-mail's content",
            location=settings.SHOP_MAIL_PROVIDER_LOCATION,
        ),
        Processor(
            name=settings.SHOP_HOSTING_PROVIDER or "Our hosting provider",
            purpose="Runs the shop's servers and databases",
            data="Everything the shop stores (orders, newsletter, server logs)",
            location=settings.SHOP_HOSTING_LOCATION,
        ),
        Processor(
            name="The carrier of your shipping method",
            purpose="Delivers your parcel",
            data="Your name, delivery address and, if you gave it, phone number",
            location="Your country and the countries the parcel passes through",
        ),
    ]
    if settings.SENTRY_DSN:
        found.append(Processor(
            name="Sentry (Functional Software, Inc.)",
            purpose="Reports the shop's errors to us so we can fix them",
            data="Technical details of the error and the page address without its query string; no cookies, "
                 "form contents or order links",
            location="United States",
        ))
    return tuple(found)
