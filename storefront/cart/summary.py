"""The storefront's summary of each cart, in the shop's cache: reloading the cart page is not a
Saleor call while the storefront has not changed that cart.

A summary is keyed by the cart's token, the cart's version and the catalog's generation. Every
change the storefront makes to a cart (add, quantity, remove, address, shipping method, promo
code, completion) gives it a new random version after Saleor answered, so an answer read while
the change was under way is left under the old version, where nobody looks again. A catalog purge
(stock, publishing) retires every summary; the short lifetime (`CART_SUMMARY_SECONDS`) bounds how
long a change made outside the storefront (Saleor's dashboard) goes unseen. Every figure in a
summary is Saleor's, as Saleor gave it."""
from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Callable, Optional

from django.conf import settings
from django.core.cache import cache

from shared_cache.generation import catalog_cache_key

if TYPE_CHECKING:
    from .selectors import Cart

# Longer than any summary lives, so a version is never forgotten while a summary under it is read.
VERSION_SECONDS = 30 * 24 * 3600


def _version_key(cart_token: str) -> str:
    return f"cart-version:{cart_token}"


def _summary_key(cart_token: str, version: str) -> str:
    return catalog_cache_key(f"cart-summary:{cart_token}:{version}")


def _version(cart_token: str) -> str:
    version = cache.get(_version_key(cart_token))
    if version is None:
        cache.add(_version_key(cart_token), secrets.token_hex(8), VERSION_SECONDS)
        version = cache.get(_version_key(cart_token))
    return version


def cached_cart(cart_token: str, read: Callable[[], Optional[Cart]],
                usable: Callable[[Cart], bool] = lambda cart: True) -> Optional[Cart]:
    """The cart's summary when `usable` (the checkout needs one in full), or else `read()`
    (Saleor) kept as the summary. A cart Saleor no longer knows is not kept: the page drops it
    from the session."""
    key = _summary_key(cart_token, _version(cart_token))
    cart = cache.get(key)
    if cart is None or not usable(cart):
        cart = read()
        if cart is not None:
            cache.set(key, cart, settings.CART_SUMMARY_SECONDS)
    return cart


def cart_changed(*, cart_token: str, answer: Optional[Cart] = None) -> None:
    """The storefront changed the cart: a new version. Saleor's answer to the change (the whole
    cart), when there is one, is the new summary; without one, the version is dropped (one
    statement on the database cache) and the next read starts a new one."""
    if answer is None:
        cache.delete(_version_key(cart_token))
        return
    version = secrets.token_hex(8)
    cache.set(_summary_key(cart_token, version), answer, settings.CART_SUMMARY_SECONDS)
    cache.set(_version_key(cart_token), version, VERSION_SECONDS)
