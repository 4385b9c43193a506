"""The deployment's caching proxy (deploy/nginx/shop.conf.template, run by Debian's nginx)
serves shared pages from its cache and passes everything personal straight through."""
import re
from urllib.parse import urlparse

import frontmatter
import httpx
import pytest
import yaml

from deploy.runner.layout import ROOT
from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.core.test_compression import HUB, assert_compressed_when_asked, static_path, wire_bytes
from tests.staff.authenticator import pass_second_factor
from tests.staff.conftest import place_order  # noqa: F401  (fixture)
from tests.staff.test_sign_in import LIMIT, try_sign_in

CONTENT = ROOT / "content"


def content_paths() -> list[str]:
    """Every page in content/, guide and policy pages alike (a page added there is tried without
    editing this test), at the address its kind gives it."""
    pages = [frontmatter.load(page) for page in CONTENT.glob("*.md")]
    return sorted(
        f"/{page['slug']}/" if page["kind"] == "policy" else f"/guide/{page['slug']}/" for page in pages
    )


def finder_paths() -> list[str]:
    regions = yaml.safe_load((CONTENT / "regions.yaml").read_text())
    return ["/guide/where-does-it-hurt/", *(f"/guide/where-does-it-hurt/{region['id']}/" for region in regions)]


SHARED_PAGES = ["/", "/products/ql-claw/", "/guide/before-you-start/", *content_paths(), *finder_paths()]


@pytest.mark.parametrize("path", SHARED_PAGES)
def test_shared_pages_come_from_the_proxy_cache_after_the_first_visit(proxy_url: str, path: str):
    with httpx.Client(base_url=proxy_url) as client:
        first = client.get(path)
        second = client.get(path)

    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=60"
    assert first.headers["x-cache"] in ("MISS", "EXPIRED")
    assert second.headers["x-cache"] == "HIT"
    assert second.text == first.text


# Pages in the sitemap that hold a form with the visitor's own CSRF token: never shared. (The
# self-check's form needs no token, so its page is shared.)
FORM_PAGES = ["/withdraw/", "/your-data/"]


def test_every_page_in_the_sitemap_is_among_the_shared_pages_tried_or_a_private_form(proxy_url: str, shop: Stack):
    sitemap = httpx.get(f"http://127.0.0.1:{shop.ports.storefront}/sitemap.xml", timeout=10)
    listed = {urlparse(location).path for location in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)}

    assert listed and listed <= set(SHARED_PAGES) | set(FORM_PAGES), listed - set(SHARED_PAGES) - set(FORM_PAGES)
    with httpx.Client(base_url=proxy_url, timeout=30) as visitor:
        for path in FORM_PAGES:
            assert_personal(visitor.get(path), visitor.get(path))


def assert_personal(response: httpx.Response, again: httpx.Response) -> None:
    """Marked for the visitor's browser alone, and never answered from the proxy's cache."""
    cache_control = {part.strip() for part in response.headers.get("cache-control", "").split(",")}
    assert {"private", "no-store"} <= cache_control, f"{response.url.path}: {cache_control}"
    assert "public" not in cache_control
    assert again.headers["x-cache"] != "HIT"


def test_personal_pages_are_private_and_never_served_from_the_cache(proxy_url: str, shop: Stack, place_order):
    order = place_order()
    with httpx.Client(base_url=proxy_url, headers={"Origin": proxy_url}, timeout=30) as visitor:
        product = visitor.get("/products/ql-claw/")
        variant = re.search(r'name="variant_id" value="([^"]+)"', product.text).group(1)
        added = visitor.post("/cart/add/", data={"variant_id": variant, "quantity": 1}, follow_redirects=True)
        assert "Added to your cart." in added.text
        for path in ("/cart/", "/checkout/", f"/orders/{order['token']}/", "/staff/sign-in/"):
            assert_personal(visitor.get(path), visitor.get(path))
    with httpx.Client(base_url=proxy_url, headers={"Origin": proxy_url}, timeout=30) as admin:
        sign_in = admin.get("/staff/sign-in/")
        signed_in = admin.post("/staff/sign-in/", data={
            "csrfmiddlewaretoken": csrf_token(sign_in.text), "email": shop.staff_email, "password": shop.staff_password,
        })
        assert signed_in.status_code == 302, signed_in.text
        assert pass_second_factor(admin, shop.staff_email, signed_in).status_code == 302
        for path in ("/staff/", f"/staff/orders/{order['id']}/", "/staff/stock/", "/staff/export/"):
            first = admin.get(path)
            assert first.status_code == 200, path
            assert_personal(first, admin.get(path))


def test_a_visitor_shops_through_the_proxy_and_personal_pages_are_never_cached(proxy_url: str):
    with httpx.Client(base_url=proxy_url, headers={"Origin": proxy_url}, follow_redirects=True) as visitor:
        product = visitor.get("/products/ql-claw/")
        variant = product.text.split('name="variant_id" value="')[1].split('"')[0]
        added = visitor.post("/cart/add/", data={"variant_id": variant, "quantity": 3})
        cart_again = visitor.get("/cart/")

    assert "Added to your cart." in added.text
    assert '<span class="badge">3' in cart_again.text
    assert added.headers["x-cache"] != "HIT" and cart_again.headers["x-cache"] != "HIT"
    with httpx.Client(base_url=proxy_url) as stranger:
        assert "Your cart is empty." in stranger.get("/cart/").text


def test_behind_the_proxy_one_visitors_wrong_passwords_do_not_lock_out_another(proxy_url: str, shop: Stack):
    """nginx names each visitor by the address it connected from (two loopback addresses here), not
    by a header the visitor wrote, so sign-in limits stay per visitor behind the proxy."""
    def visitor_from(address: str, **headers: str) -> httpx.Client:
        return httpx.Client(base_url=proxy_url, headers={"Origin": proxy_url, **headers}, timeout=60,
                            transport=httpx.HTTPTransport(local_address=address))

    # The guesser also claims to be someone else: the proxy overwrites that claim.
    with visitor_from("127.0.0.2", **{"X-Real-IP": "127.0.0.3"}) as guesser, visitor_from("127.0.0.3") as admin:
        guesses = [try_sign_in(guesser, shop.staff_email, "not-the-password").status_code for _ in range(LIMIT + 1)]
        signed_in = pass_second_factor(admin, shop.staff_email, try_sign_in(admin, shop.staff_email, shop.staff_password))
        still_locked = try_sign_in(guesser, shop.staff_email, shop.staff_password)

    assert guesses == [403] * LIMIT + [429]
    assert signed_in.status_code == 302 and signed_in.headers["location"] == "/staff/"
    assert still_locked.status_code == 429


def test_the_proxy_names_no_server_and_every_page_switches_off_unused_browser_features(proxy_url: str):
    for path in ("/", "/guide/psoas/", "/cart/", "/nowhere/"):
        answer = httpx.get(f"{proxy_url}{path}", timeout=10)
        server = answer.headers.get("server", "")
        assert "granian" not in server.lower() and not re.search(r"\d", server), (path, server)
        policy = answer.headers["permissions-policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in policy, (path, policy)
        # The cart shows the wallet button: Stripe's frames may ask for payment there, nobody else.
        if path == "/cart/":
            assert re.search(r'payment=\(self "[^"]+"\)', policy), policy
        else:
            assert "payment=()" in policy, (path, policy)


def test_through_the_proxy_the_hub_css_and_js_come_compressed_and_a_form_page_does_not(proxy_url: str):
    with httpx.Client(base_url=proxy_url, timeout=30) as visitor:
        for path in (HUB, static_path("css/shop.css"), static_path("js/payment.js"), static_path("favicon.svg")):
            # A miss, then the cache's copy: one stored per encoding, never the other's.
            assert_compressed_when_asked(visitor, path)
            assert_compressed_when_asked(visitor, path)
        headers, body = wire_bytes(visitor, "/withdraw/", "gzip")

    assert csrf_token(body.decode()) and "content-encoding" not in headers
