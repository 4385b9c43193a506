"""The shop's tax plugin for Saleor 2.10.1: adds each market's tax to lines, shipping and totals.

Catalog prices are net (include_taxes_in_prices off). For a checkout or order with a shipping
address, the backend (TAX_BACKEND: the offline rates file, or Stripe Tax) quotes the rates for
that destination; every price Saleor computes becomes TaxedMoney(net, net + tax), so the
amount charged (Saleor's total gross) includes the tax. Without an address nothing is added.

The quote that priced a checkout is kept with it (on the checkout object, and a Stripe Tax quote
in its private metadata), handed to the order Saleor makes from it, and written to the order's
`tax.*` public metadata: the order records the very calculation the buyer was charged with.
"""
import json
import logging
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, List, Optional

from django.conf import settings
from django.db import connection
from django_countries.fields import Country
from prices import Money, TaxedMoney
from saleor.checkout.models import Checkout
from saleor.discount import VoucherType
from saleor.discount.models import Voucher
from saleor.plugins.base_plugin import BasePlugin

from .quotes import Consignment, TaxQuote
from .stripe_tax import CACHE_SECONDS, StripeTaxBackend, backend

if TYPE_CHECKING:
    from saleor.account.models import Address
    from saleor.checkout.models import CheckoutLine
    from saleor.discount import DiscountInfo
    from saleor.order.models import Order, OrderLine
    from saleor.product.models import Product, ProductType

logger = logging.getLogger(__name__)


def _consignment(address: "Address", lines, shipping: Optional[Money], currency: str) -> Consignment:
    return Consignment(
        country=address.country.code,
        area=address.country_area or "",
        postal_code=address.postal_code or "",
        city=address.city or "",
        street=address.street_address_1 or "",
        lines=tuple(lines),
        shipping=shipping.amount if shipping else Decimal("0"),
        currency=currency,
    )


def checkout_consignment(checkout: "Checkout", discounts: Iterable["DiscountInfo"]) -> Optional[Consignment]:
    address = checkout.shipping_address
    if address is None:
        return None
    lines = [
        (line.variant.sku, line.quantity, (line.variant.get_price(discounts) * line.quantity).amount)
        for line in checkout.lines.select_related("variant__product").all()
    ]
    shipping = checkout.shipping_method.get_total() if checkout.shipping_method else None
    return _consignment(address, lines, shipping, checkout.currency)


def order_consignment(order: "Order") -> Optional[Consignment]:
    address = order.shipping_address
    if address is None:
        return None
    lines = [(line.product_sku, line.quantity, line.unit_price_net.amount * line.quantity) for line in order.lines.all()]
    shipping = order.shipping_method.get_total() if order.shipping_method else order.shipping_price_net
    return _consignment(address, lines, shipping, order.currency)


def taxed(net: Money, quote: Optional[TaxQuote], *, shipping: bool = False, reference: Optional[str] = None) -> TaxedMoney:
    if quote is None:
        return TaxedMoney(net=net, gross=net)
    tax = quote.tax_on(net.amount, shipping=shipping, reference=reference)
    return TaxedMoney(net=net, gross=net + Money(tax, net.currency))


# Private metadata key of the quote kept with a checkout (and handed to its order).
KEPT = "qlclaw.tax.quote"
MEMO = "_qlclaw_tax_quote"


def kept_quote(private_metadata: Optional[dict], consignment: Optional[Consignment]) -> Optional[TaxQuote]:
    """The quote kept in private metadata: for this parcel and young enough (as long as the
    answer cache would keep it), or with no parcel given (an order), whatever was kept."""
    text = (private_metadata or {}).get(KEPT)
    if not text:
        return None
    try:
        kept = json.loads(text)
        if consignment is not None and (
            kept["for"] != consignment.fingerprint() or time.time() - float(kept["at"]) > CACHE_SECONDS
        ):
            return None
        return TaxQuote.from_json(kept["quote"])
    except (ValueError, KeyError, TypeError, ArithmeticError):
        logger.warning("A kept tax quote could not be read; priced again")
        return None


def keep_value(consignment: Consignment, quote: TaxQuote) -> str:
    return json.dumps({"for": consignment.fingerprint(), "at": time.time(), "quote": quote.to_json()})


def keep_with_checkout(checkout: "Checkout", consignment: Consignment, quote: TaxQuote) -> None:
    """A Stripe Tax calculation is kept in the checkout's private metadata, so later requests
    (the payment, the order) use it instead of asking Stripe again. Merged in one UPDATE: a
    concurrent write of other keys is not lost."""
    value = keep_value(consignment, quote)
    checkout.private_metadata = {**(checkout.private_metadata or {}), KEPT: value}
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Checkout._meta.db_table} SET private_metadata = "
            "COALESCE(private_metadata, '{}'::jsonb) || jsonb_build_object(%s::text, %s::text) WHERE token = %s",
            [KEPT, value, checkout.pk],
        )


def is_shipping_voucher(checkout: "Checkout") -> bool:
    if not checkout.voucher_code:
        return False
    return Voucher.objects.filter(code=checkout.voucher_code).values_list("type", flat=True).first() == VoucherType.SHIPPING


class InjectedFault(Exception):
    """A failure the tests ask for (TAX_FAULT_EMAIL_DOMAIN), standing in for a tax backend's."""


def _fail_if_told(order: "Order") -> None:
    domain = settings.TAX_FAULT_EMAIL_DOMAIN
    if domain and (order.user_email or "").lower().endswith(f"@{domain}"):
        raise InjectedFault(f"the tax backend failed for order {order.pk}, as TAX_FAULT_EMAIL_DOMAIN asks")


class TaxPlugin(BasePlugin):
    PLUGIN_ID = "qlclaw.taxes"
    PLUGIN_NAME = "QL Claw taxes"
    PLUGIN_DESCRIPTION = "US sales tax, EU and UK VAT by market, from the rates file or Stripe Tax."
    DEFAULT_ACTIVE = True

    def _quote(self, consignment: Optional[Consignment]) -> Optional[TaxQuote]:
        if consignment is None or not self.active:
            return None
        return backend().quote(consignment)

    def _checkout_quote(self, checkout: "Checkout", discounts: Iterable["DiscountInfo"]) -> Optional[TaxQuote]:
        """The checkout's quote: the one this request already used for the same parcel, else the
        one kept with the checkout, else a new one (kept when it is a Stripe Tax calculation)."""
        consignment = checkout_consignment(checkout, discounts)
        if consignment is None or not self.active:
            return None
        memo = getattr(checkout, MEMO, None)
        if memo is not None and memo[0] == consignment:
            return memo[1]
        quote = kept_quote(checkout.private_metadata, consignment)
        if quote is None:
            chosen = backend()
            if chosen.name == StripeTaxBackend.name:
                # Before asking Stripe: another copy of this checkout (Saleor loads several in
                # one request) may have kept a calculation since this one was read.
                stored = Checkout.objects.filter(pk=checkout.pk).values_list("private_metadata", flat=True).first()
                quote = kept_quote(stored, consignment)
            if quote is None:
                quote = chosen.quote(consignment)
                if quote.calculation:
                    keep_with_checkout(checkout, consignment, quote)
        setattr(checkout, MEMO, (consignment, quote))
        return quote

    # Checkout ------------------------------------------------------------------------------
    def calculate_checkout_line_total(
        self, checkout_line: "CheckoutLine", discounts: List["DiscountInfo"], previous_value: TaxedMoney
    ) -> TaxedMoney:
        quote = self._checkout_quote(checkout_line.checkout, discounts)
        return taxed(previous_value.net, quote, reference=checkout_line.variant.sku)

    def calculate_checkout_shipping(
        self, checkout: "Checkout", lines: List["CheckoutLine"], discounts: List["DiscountInfo"],
        previous_value: TaxedMoney,
    ) -> TaxedMoney:
        return taxed(previous_value.net, self._checkout_quote(checkout, discounts), shipping=True)

    def calculate_checkout_total(
        self, checkout: "Checkout", lines: List["CheckoutLine"], discounts: List["DiscountInfo"],
        previous_value: TaxedMoney,
    ) -> TaxedMoney:
        # Saleor subtracts a promo code's discount (a share of the taxed subtotal, or of the taxed
        # shipping for a free-shipping code) from net and gross alike; the tax in it is given back
        # too, at the rate of what was discounted: the net falls by discount / (1 + rate).
        discount = checkout.discount.amount if checkout.discount else Decimal("0")
        quote = self._checkout_quote(checkout, discounts) if discount else None
        if not quote or previous_value.gross.amount <= 0:
            return previous_value
        shipping = is_shipping_voucher(checkout)
        rate = quote.shipping_rate if shipping else quote.rate
        if not rate:
            return previous_value
        tax_in_discount = Money(quote.tax_on(discount / (1 + rate), shipping=shipping), previous_value.currency)
        return TaxedMoney(net=previous_value.net + tax_in_discount, gross=previous_value.gross)

    def preprocess_order_creation(
        self, checkout: "Checkout", discounts: List["DiscountInfo"], previous_value: Any
    ) -> Any:
        # Saleor has just priced the checkout for the order (the same object) and copies its private
        # metadata onto the order it makes next: the quote that priced it goes along.
        quote = self._checkout_quote(checkout, discounts)
        consignment = checkout_consignment(checkout, discounts)
        kept = {key: value for key, value in (checkout.private_metadata or {}).items() if key != KEPT}
        if quote is not None and consignment is not None:
            kept[KEPT] = keep_value(consignment, quote)
        checkout.private_metadata = kept  # never an older parcel's quote
        return previous_value

    # Orders (drafts and edits by staff) ----------------------------------------------------
    def calculate_order_line_unit(self, order_line: "OrderLine", previous_value: TaxedMoney) -> TaxedMoney:
        quote = self._quote(order_consignment(order_line.order))
        return taxed(previous_value.net, quote, reference=order_line.product_sku)

    def calculate_order_shipping(self, order: "Order", previous_value: TaxedMoney) -> TaxedMoney:
        return taxed(previous_value.net, self._quote(order_consignment(order)), shipping=True)

    def order_created(self, order: "Order", previous_value: Any) -> Any:
        # Saleor 2.10 calls this after charging, inside the transaction that makes the order: an
        # exception here would undo a paid order. The tax labels are worth less than that; without
        # them the storefront names the tax from the destination's market.
        try:
            _fail_if_told(order)
            quote = kept_quote(order.private_metadata, None)
            if quote is None and order.shipping_address is not None:
                logger.warning("Order %s: no tax quote came with its checkout; priced again", order.pk)
                quote = self._quote(order_consignment(order))
            (order.private_metadata or {}).pop(KEPT, None)
            if quote is not None:
                order.store_value_in_metadata(items=quote.metadata())
            order.save(update_fields=["metadata", "private_metadata"])
        except Exception:
            logger.exception("Order %s: tax labels not written", getattr(order, "pk", "?"))
        return previous_value

    # Prices shown before an address is known -----------------------------------------------
    def apply_taxes_to_product(
        self, product: "Product", price: Money, country: Country, previous_value: TaxedMoney
    ) -> TaxedMoney:
        # A country alone: VAT markets are known, a US state is not (so no sales tax yet).
        quote = self._quote(Consignment(country=country.code, lines=(("", 1, price.amount),), currency=price.currency)) if country else None
        return taxed(previous_value.net, quote)

    def apply_taxes_to_shipping(self, price: Money, shipping_address: "Address", previous_value: TaxedMoney) -> TaxedMoney:
        quote = self._quote(_consignment(shipping_address, (), price, price.currency)) if shipping_address else None
        return taxed(previous_value.net, quote, shipping=True)

    def show_taxes_on_storefront(self, previous_value: bool) -> bool:
        return True

    def get_tax_rate_percentage_value(
        self, obj: "Product | ProductType", country: Country, previous_value: Any
    ) -> Decimal:
        quote = self._quote(Consignment(country=country.code)) if country else None
        return quote.rate * 100 if quote else Decimal("0")
