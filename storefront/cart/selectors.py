"""Reading the cart (a Saleor checkout). The checkout steps read it from Saleor each time; the cart
page reads the storefront's summary of it (`cart.summary`), renewed on every change the storefront makes."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from catalog.selectors import multi_buy
from core.addresses import address_fields
from markets.selectors import DUTIES_ON_DELIVERY_NOTE, Market, ShownPrices, market_for, tax_note
from saleor_client.client import saleor
from saleor_client.errors import SaleorGraphQLError, present
from saleor_client.generated.cart import Cart as CartQuery
from saleor_client.generated.cart_for_completion import CartForCompletion as CartForCompletionQuery
from saleor_client.generated.cart_page import CartPage as CartPageQuery
from saleor_client.generated.fragments import CartDetails
from saleor_client.values import Money, Picture
from shipping.selectors import delivery_estimate

from . import summary

# Saleor 2.10.1 refuses to create a checkout for a guest without an e-mail address. A cart
# starts with this one (the reserved .invalid domain can never receive mail); the address
# step replaces it, and payment is refused until it has been replaced.
PLACEHOLDER_EMAIL = "cart@qlclaw.invalid"


@dataclass(frozen=True)
class CartLine:
    id: str
    variant_id: str
    sku: str
    product_name: str
    product_slug: str
    quantity: int
    quantity_available: int
    total: Money
    picture: Optional[Picture]
    available: bool = True  # False: its product was unpublished; it can only be removed
    total_net: Optional[Money] = None  # before tax; what a US buyer is shown

    @property
    def shown_total(self) -> Money:
        return self.total_net or self.total


@dataclass(frozen=True)
class ShippingOption:
    id: str
    name: str
    price: Money
    delivery: str = ""


@dataclass(frozen=True)
class Cart(ShownPrices):
    id: str
    token: str
    email: str
    quantity: int
    lines: tuple[CartLine, ...]
    subtotal: Money
    shipping: Money
    total: Money
    tax: Money
    discount: Optional[Money]
    discount_name: str
    voucher_code: str
    shipping_address: dict[str, str] = field(default_factory=dict)
    shipping_method_id: Optional[str] = None
    shipping_method_name: str = ""
    shipping_options: tuple[ShippingOption, ...] = ()
    subtotal_net: Optional[Money] = None
    shipping_net: Optional[Money] = None
    # Every figure the checkout shows (Saleor's CartDetails): not the cart page's lighter answer.
    in_full: bool = False

    @property
    def suggested_shipping_method_id(self) -> str:
        """The method chosen, or else the cheapest for the address (what most buyers pick)."""
        if self.shipping_method_id or not self.shipping_options:
            return self.shipping_method_id or ""
        return min(self.shipping_options, key=lambda option: option.price.amount).id

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def has_unavailable_lines(self) -> bool:
        return any(not line.available for line in self.lines)

    @property
    def shipping_method_delivery(self) -> str:
        return delivery_estimate(self.shipping_method_name) if self.shipping_method_name else ""

    @property
    def market(self) -> Optional[Market]:
        """The market of the address given; None before there is one."""
        return market_for(self.shipping_address.get("country", "")) if self.shipping_address else None

    @property
    def tax_shown(self) -> bool:
        """The cart page shows the tax (the VAT in it) for an EU or UK address alone."""
        market = self.market
        return market is not None and market.includes_vat

    @property
    def vat_included(self) -> bool:
        market = self.market
        return market is not None and market.includes_vat and self.tax.amount > 0

    @property
    def duties_on_delivery(self) -> bool:
        """The rest of the world; and an EU or UK parcel over the IOSS (EUR 150) or UK (GBP 135)
        limit, which the tax plugin sends DAP with no VAT at checkout."""
        market = self.market
        if market is None:
            return False
        return market.duties_on_delivery or (market.includes_vat and not self.is_empty and self.tax.amount <= 0)

    @property
    def tax_note(self) -> str:
        """The words about tax for this cart's address (or for every market before there is one)."""
        return DUTIES_ON_DELIVERY_NOTE if self.duties_on_delivery else tax_note(self.market)

    @property
    def prices_net(self) -> bool:
        """US buyers see prices before sales tax and the tax on its own line; EU and UK buyers
        see VAT-inclusive prices (Saleor's gross)."""
        market = self.market
        return market is not None and market.adds_tax

    def shown_line_total(self, line: CartLine) -> Money:
        return line.shown_total if self.prices_net else line.total

    @property
    def lines_shown(self) -> tuple[tuple[CartLine, Money], ...]:
        """Each line with the price this buyer is shown (before tax in the US)."""
        return tuple((line, self.shown_line_total(line)) for line in self.lines)

    @property
    def multi_buy_applied(self) -> bool:
        offer = multi_buy()
        return offer is not None and self.voucher_code == offer.code

    @property
    def multi_buy_nudge(self) -> Optional[MultiBuyNudge]:
        """"Add one more and save…", for a cart of one line short of the multi-buy and no code."""
        offer = multi_buy()
        if offer is None or self.voucher_code or len(self.lines) != 1 or not 0 < self.quantity < offer.min_quantity:
            return None
        [line] = self.lines
        if line.quantity_available < offer.min_quantity or not line.quantity:
            return None
        unit = self.shown_line_total(line)
        unit = Money((unit.amount / line.quantity).quantize(Decimal("0.01")), unit.currency)
        return MultiBuyNudge(missing=offer.min_quantity - self.quantity, quantity=offer.min_quantity,
                             price=offer.price_for(unit), saving=offer.saving(unit.currency))


@dataclass(frozen=True)
class MultiBuyNudge:
    missing: int
    quantity: int
    price: Money
    saving: Money


NO_LONGER_SOLD = "An item no longer sold"


def cart_from_saleor(details: Any, unavailable: tuple[CartLine, ...] = ()) -> Cart:
    """From Saleor's `CartDetails`, the cart page's lighter `CartPageDetails` (no shipping method,
    shipping price or total) or `CartForCompletion` (no price at all): a figure not asked for
    reads as zero, and the page that asked for less never shows it."""
    total = getattr(details, "total_price", None)
    subtotal = getattr(details, "subtotal_price", None)
    shipping_price = getattr(details, "shipping_price", None)
    shipping_method = getattr(details, "shipping_method", None)
    address = details.shipping_address
    return Cart(
        id=details.id,
        token=str(details.token),
        email="" if details.email == PLACEHOLDER_EMAIL else details.email or "",
        # Saleor 2.10.1's checkoutLineDelete leaves `quantity` as it was before the delete
        # (graphql/checkout/mutations.py never recounts it): a cart with no lines holds nothing.
        quantity=details.quantity if details.lines else 0,
        lines=tuple(_cart_line(line) for line in details.lines or [] if line) + unavailable,
        subtotal=Money.from_saleor(subtotal.gross if subtotal else None),
        shipping=Money.from_saleor(shipping_price.gross if shipping_price else None),
        subtotal_net=Money.from_saleor(subtotal.net) if subtotal else None,
        shipping_net=Money.from_saleor(shipping_price.net) if shipping_price else None,
        total=Money.from_saleor(getattr(total, "gross", None)),
        tax=Money.from_saleor(total.tax if total else None),
        discount=Money.from_saleor(details.discount) if details.discount and details.discount.amount else None,
        discount_name=details.discount_name or "",
        voucher_code=details.voucher_code or "",
        shipping_address=address_fields(address),
        shipping_method_id=shipping_method.id if shipping_method else None,
        shipping_method_name=shipping_method.name if shipping_method else "",
        shipping_options=tuple(
            ShippingOption(id=option.id, name=option.name, price=Money.from_saleor(option.price), delivery=delivery_estimate(option.name))
            for option in getattr(details, "available_shipping_methods", None) or ()
            if option
        ),
        in_full=isinstance(details, CartDetails),
    )


def _cart_line(line: Any) -> CartLine:
    line_total = getattr(line, "total_price", None)
    return CartLine(
        id=line.id,
        variant_id=line.variant.id,
        sku=line.variant.sku,
        product_name=line.variant.product.name,
        product_slug=line.variant.product.slug,
        quantity=line.quantity,
        quantity_available=line.variant.quantity_available,
        total=Money.from_saleor(line_total.gross if line_total else None),
        picture=Picture.from_saleor(getattr(line.variant.product, "thumbnail", None)),
        total_net=Money.from_saleor(line_total.net) if line_total else None,
    )


def _valid_token(token: Optional[str]) -> bool:
    try:
        uuid.UUID(token or "")
    except ValueError:
        return False
    return True


def get_cart(token: Optional[str]) -> Optional[Cart]:
    """The cart for a session token, or None when there is none (or Saleor forgot it)."""
    if not _valid_token(token):
        return None
    try:
        details = saleor().cart(token=token).checkout
    except SaleorGraphQLError as error:
        data = error.data or {}
        if not error.only_under("checkout", "lines") or not data.get("checkout"):
            raise
        return _cart_with_unavailable_lines(str(token), present(CartQuery.model_validate(data).checkout, "cart"))
    return cart_from_saleor(details) if details else None


def cart_for_completion(token: Optional[str]) -> Optional[Cart]:
    """The cart as completing it needs it: its lines and Saleor's stock for each, no price
    (`CartForCompletion`). None when Saleor no longer knows it."""
    if not _valid_token(token):
        return None
    try:
        details = saleor().cart_for_completion(token=token).checkout
    except SaleorGraphQLError as error:
        if not error.only_under("checkout", "lines") or not (error.data or {}).get("checkout"):
            raise
        return _cart_with_unavailable_lines(str(token), CartForCompletionQuery.model_validate(error.data).checkout)
    return cart_from_saleor(details) if details else None


def cart_for_checkout(token: Optional[str]) -> Optional[Cart]:
    """The cart with every figure the checkout shows, from the storefront's summary of it when
    the last change the storefront made left one in full (a saved address, a shipping method),
    else from Saleor (kept as the summary). Pay reads Saleor afresh whatever this says."""
    if not _valid_token(token):
        return None
    return summary.cached_cart(str(token), lambda: get_cart(token), usable=lambda cart: cart.in_full)


def cart_for_page(token: Optional[str]) -> Optional[Cart]:
    """The cart as the cart page shows it, from the storefront's summary of it while nothing
    changed it (`cart.summary`), else from Saleor's lighter `CartPage` query."""
    if not _valid_token(token):
        return None
    return summary.cached_cart(str(token), lambda: _cart_page_from_saleor(str(token)))


def _cart_page_from_saleor(token: str) -> Optional[Cart]:
    cart = _ask_cart_page(token, with_tax=False)
    if cart is not None and cart.tax_shown:
        # Saleor works the tax out with the total: asked for only when the page shows it.
        cart = _ask_cart_page(token, with_tax=True)
    return cart


def _ask_cart_page(token: str, *, with_tax: bool) -> Optional[Cart]:
    try:
        details = saleor().cart_page(token=token, with_tax=with_tax).checkout
    except SaleorGraphQLError as error:
        if not error.only_under("checkout", "lines") or not (error.data or {}).get("checkout"):
            raise
        return _cart_with_unavailable_lines(token, CartPageQuery.model_validate(error.data).checkout)
    return cart_from_saleor(details) if details else None


def _cart_with_unavailable_lines(token: str, details: Any) -> Cart:
    """Saleor hides an unpublished product, and the cart line holding it comes back null: the
    cart is shown with that line marked, so the buyer can remove it (never a 503)."""
    shown = {line.id for line in details.lines or [] if line}
    lines = present(saleor().cart_line_ids(token=token).checkout, "cart").lines or []
    unavailable = tuple(
        CartLine(id=line.id, variant_id="", sku="", product_name=NO_LONGER_SOLD, product_slug="",
                 quantity=line.quantity, quantity_available=0, total=Money.from_saleor(None), picture=None,
                 available=False)
        for line in lines if line and line.id not in shown
    )
    return cart_from_saleor(details, unavailable)
