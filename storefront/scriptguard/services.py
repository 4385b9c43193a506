"""Looking at the live payment pages as a buyer's browser would, and telling the shop admin
when their scripts or headers differ from `inventory.yaml`."""
from __future__ import annotations

import hashlib
import logging
import re

import httpx
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from core.company import company
from jobs.queue import defer

from . import checks
from .inventory import payment_page, payment_pages
from .models import ScriptCheck

logger = logging.getLogger(__name__)
TIMEOUT = httpx.Timeout(20.0)


class PageUnreachable(Exception):
    """A step on the way to a payment page answered something else than expected."""


def _token(html: str, client: httpx.Client) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else client.cookies.get("csrftoken") or ""


def _post(client: httpx.Client, path: str, data: dict) -> httpx.Response:
    page = client.get(path, follow_redirects=True)
    return client.post(path, data={"csrfmiddlewaretoken": _token(page.text, client), **data}, follow_redirects=True)


def _walk_to_payment(client: httpx.Client) -> httpx.Response:
    """One unit to the cart, the shop's own address saved: the checkout page with the card form
    and a shipping method, as a buyer reaches it (nothing is paid; the checkout is left to expire)."""
    product = client.get(reverse("catalog:home"), follow_redirects=True)
    link = re.search(r'href="(/products/[^"/]+/)"', product.text)
    if not link:
        raise PageUnreachable("the home page links no product")
    page = client.get(link.group(1))
    variant = re.search(r'name="variant_id" value="([^"]+)"', page.text)
    if not variant:
        raise PageUnreachable(f"{link.group(1)} offers nothing to add to the cart")
    client.post(reverse("cart:add"), data={"csrfmiddlewaretoken": _token(page.text, client),
                                           "variant_id": variant.group(1), "quantity": "1"}, follow_redirects=True)
    seller = company()
    details = _post(client, reverse("checkout:details"), {
        "email": settings.SHOP_ORDERS_EMAIL, "first_name": "Payment page", "last_name": "check",
        "street_address_1": seller.street_address, "city": seller.city, "postal_code": seller.postal_code,
        "country": seller.country, "country_area": seller.country_area, "company_name": "", "street_address_2": "",
        "city_area": "", "phone": "",
    })
    # The address saved, the cheapest shipping method is set with it: the page now takes the card.
    if details.url.path != reverse("checkout:details") or 'id="payment-form"' not in details.text:
        raise PageUnreachable(f"the address did not lead to the card form (ended at {details.url.path})")
    if not re.search(r'name="shipping_method" value="[^"]+" checked', details.text):
        raise PageUnreachable("the checkout page offers no shipping method for the shop's own address")
    return details


def _product_page(client: httpx.Client) -> httpx.Response:
    """The product page the home page links to first (the one with the wallet button)."""
    home = client.get(reverse("catalog:home"), follow_redirects=True)
    link = re.search(r'href="(/products/[^"/]+/)"', home.text)
    if not link:
        raise PageUnreachable("the home page links no product")
    return client.get(link.group(1))


def _cart_page(client: httpx.Client) -> httpx.Response:
    """The cart with one unit in it (the walk to the payment step put it there, or it is added)."""
    cart = client.get(reverse("cart:page"))
    if 'action="/cart/lines/' in cart.text:
        return cart
    page = _product_page(client)
    variant = re.search(r'name="variant_id" value="([^"]+)"', page.text)
    if not variant:
        raise PageUnreachable(f"{page.url.path} offers nothing to add to the cart")
    return client.post(reverse("cart:add"), data={"csrfmiddlewaretoken": _token(page.text, client),
                                                  "variant_id": variant.group(1), "quantity": "1"}, follow_redirects=True)


# How the check reaches each listed page; a page listed without a way here is reported.
ROUTES = {"checkout:details": _walk_to_payment, "catalog:product": _product_page, "cart:page": _cart_page}


def look_at_payment_pages(base_url: str) -> tuple[tuple[str, ...], str]:
    """(differences, failure) for every listed page at `base_url`."""
    problems: list[str] = []
    with httpx.Client(base_url=base_url, timeout=TIMEOUT, headers={"Origin": base_url}) as client:
        for page in payment_pages():
            route = ROUTES.get(page.url_name)
            if route is None:
                problems.append(f"{page.url_name}: the check has no way to reach this page")
                continue
            try:
                response = route(client)
            except (httpx.HTTPError, PageUnreachable) as error:
                return tuple(problems), f"{page.url_name}: {error}"
            problems += checks.differences(payment_page(page.url_name), html=response.text,
                                           headers=response.headers, base_url=str(response.url))
    return tuple(problems), ""


def check_payment_pages(*, base_url: str = "") -> ScriptCheck:
    """Look, record the result, and queue one e-mail to the shop admin when the pages differ
    in a way not reported before (the same differences are not mailed every day)."""
    base_url = (base_url or settings.SCRIPT_CHECK_URL).rstrip("/")
    differences, failure = look_at_payment_pages(base_url)
    previous = ScriptCheck.objects.first()
    with transaction.atomic():
        check = ScriptCheck.objects.create(base_url=base_url, differences=list(differences), failure=failure)
        changed = previous is None or (previous.differences, previous.failure) != (check.differences, check.failure)
        if not check.ok and changed:
            defer("scriptguard.tasks.alert_shop_admin", check_id=check.pk)
    logger.log(logging.INFO if check.ok else logging.WARNING, "payment pages checked",
               extra={"differences": len(differences), "failure": failure})
    return check


def alert_fingerprint(check: ScriptCheck) -> str:
    return hashlib.sha256("\n".join([*check.differences, check.failure]).encode()).hexdigest()[:32]
