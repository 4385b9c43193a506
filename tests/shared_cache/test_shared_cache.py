"""Pages everyone sees the same are cacheable by a shared proxy and carry nothing personal;
the forms on them accept posts only from the shop's own pages."""
import httpx
import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer

SHARED_PAGES = ["/", "/products/ql-claw/", "/guide/lower-back-trigger-points/", "/guide/psoas/", "/guide/where-does-it-hurt/buttock/"]


@pytest.mark.parametrize("path", SHARED_PAGES)
def test_shared_pages_are_public_and_the_same_for_a_visitor_with_a_cart(buyer: Buyer, path: str):
    anonymous = httpx.get(f"http://127.0.0.1:{buyer.shop.ports.storefront}{path}")
    buyer.add_to_cart(2)

    with_cart = buyer.http.get(path)

    assert with_cart.headers["cache-control"] == "public, max-age=60"
    assert "set-cookie" not in with_cart.headers
    assert "cookie" not in with_cart.headers.get("vary", "").lower()
    assert "csrfmiddlewaretoken" not in with_cart.text
    assert with_cart.text == anonymous.text


def test_personal_pages_are_never_shared(buyer: Buyer):
    buyer.add_to_cart(1)

    for path in ("/cart/", "/checkout/"):
        response = buyer.http.get(path)
        cache_control = {part.strip() for part in response.headers.get("cache-control", "").split(",")}
        assert {"private", "no-store"} <= cache_control and "public" not in cache_control, (path, cache_control)


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_forms_on_shared_pages_refuse_posts_from_elsewhere(shop: Stack, buyer: Buyer, origin):
    headers = {"Origin": origin} if origin else {}
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}", headers=headers) as stranger:
        add = stranger.post("/cart/add/", data={"variant_id": buyer.product_variant_id(), "quantity": 1})
        signup = stranger.post("/newsletter/subscribe/", data={"email": "victim@example.com"})

    assert add.status_code == 403 and signup.status_code == 403
    assert "must be sent from the shop's own pages" in add.text
