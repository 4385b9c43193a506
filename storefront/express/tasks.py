"""Jobs after a wallet payment: what is left to tidy once the order is recorded."""
from __future__ import annotations

from cart.selectors import get_cart
from cart.services import set_line_quantity
from jobs.queue import job


@job(title="Take the units bought with a wallet out of the cart")
def empty_bought_cart(*, cart_token: str, lines: list) -> str:
    """The wallet paid for the cart's lines as the sheet opened (its own Saleor checkout): those
    units leave the cart, so it is neither shown again nor sent a reminder about items already
    ordered; anything added since stays. (A try cut off after Saleor changed a line and retried
    takes that line's units out again: at worst, a unit added in another tab meanwhile.)"""
    bought = {str(variant): int(quantity) for variant, quantity in lines}
    cart = get_cart(cart_token)
    if cart is None:
        return "the cart is gone"
    for line in cart.lines:
        if line.variant_id in bought:
            cart = set_line_quantity(cart=cart, line_id=line.id, quantity=max(0, line.quantity - bought.pop(line.variant_id)))
    return "bought units taken out"
