from __future__ import annotations

from typing import Any, Optional

from django import template
from django.conf import settings
from django.urls import reverse

from cart.selectors import Cart
from catalog.selectors import ProductCard
from scriptguard.integrity import of_static

from ..selectors import minor_units, shipped_to

register = template.Library()
SCRIPT = "js/express.js"


@register.inclusion_tag("express/_express_checkout.html")
def express_checkout(product: Optional[ProductCard] = None, cart: Optional[Cart] = None,
                     with_script: bool = True) -> dict[str, Any]:
    """The wallet button (hidden until Stripe.js says the browser has a wallet) for one product
    (the product page: the same for every visitor, so the page stays cacheable) or the cart.
    `with_script=False` where the page writes its listed scripts itself (the checkout page)."""
    if not settings.STRIPE_PUBLISHABLE_KEY or (product is None and cart is None):
        return {"shown": False}
    if product is not None:
        amount, currency = product.price, product.price.currency
    else:
        assert cart is not None
        amount, currency = cart.subtotal, cart.subtotal.currency
    return {
        "shown": amount.amount > 0,
        "source": "product" if product is not None else "cart",
        "product": product,
        "amount": minor_units(amount),
        "currency": currency.lower(),
        "countries": ",".join(shipped_to()),
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js": settings.STRIPE_JS_URL,
        "urls": {name: reverse(f"express:{name}") for name in ("start", "address", "method", "pay")},
        "script_integrity": of_static(SCRIPT),
        "with_script": with_script,
    }
