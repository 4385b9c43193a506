"""Jobs after a wallet payment: what is left to tidy once the order is recorded."""
from __future__ import annotations

from cart.selectors import get_cart
from cart.services import remove_line
from jobs.queue import job


@job(title="Empty a cart that was bought with a wallet")
def empty_bought_cart(*, cart_token: str) -> str:
    """The wallet paid for a copy of the cart (its own Saleor checkout): the cart itself is
    emptied, so it is neither shown again nor sent a reminder about items already ordered."""
    cart = get_cart(cart_token)
    if cart is None or cart.is_empty:
        return "nothing to empty"
    for line in cart.lines:
        cart = remove_line(cart=cart, line_id=line.id)
    return "emptied"
