"""The shop's tax plugin for Saleor 2.10.1: adds each market's tax to lines, shipping and totals.

Catalog prices are net (include_taxes_in_prices off). For a checkout or order with a shipping
address, the backend (TAX_BACKEND: the offline rates file, or Stripe Tax) quotes the rates for
that destination; every price Saleor computes becomes TaxedMoney(net, net + tax), so the
amount charged (Saleor's total gross) includes the tax. Without an address nothing is added.
When an order is created its `tax.*` public metadata records how it was taxed.
"""
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, List, Optional

from django.conf import settings
from django_countries.fields import Country
from prices import Money, TaxedMoney
from saleor.plugins.base_plugin import BasePlugin

from .quotes import Consignment, TaxQuote
from .stripe_tax import backend

if TYPE_CHECKING:
    from saleor.account.models import Address
    from saleor.checkout.models import Checkout, CheckoutLine
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


def taxed(net: Money, quote: Optional[TaxQuote], *, shipping: bool = False) -> TaxedMoney:
    if quote is None:
        return TaxedMoney(net=net, gross=net)
    return TaxedMoney(net=net, gross=net + Money(quote.tax_on(net.amount, shipping=shipping), net.currency))


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

    # Checkout ------------------------------------------------------------------------------
    def calculate_checkout_line_total(
        self, checkout_line: "CheckoutLine", discounts: List["DiscountInfo"], previous_value: TaxedMoney
    ) -> TaxedMoney:
        quote = self._quote(checkout_consignment(checkout_line.checkout, discounts))
        return taxed(previous_value.net, quote)

    def calculate_checkout_shipping(
        self, checkout: "Checkout", lines: List["CheckoutLine"], discounts: List["DiscountInfo"],
        previous_value: TaxedMoney,
    ) -> TaxedMoney:
        return taxed(previous_value.net, self._quote(checkout_consignment(checkout, discounts)), shipping=True)

    def calculate_checkout_total(
        self, checkout: "Checkout", lines: List["CheckoutLine"], discounts: List["DiscountInfo"],
        previous_value: TaxedMoney,
    ) -> TaxedMoney:
        # Saleor subtracts a promo code's discount (a share of the taxed subtotal) from net and
        # gross alike; the tax in it is given back too, so the net falls by discount / (1 + rate).
        discount = checkout.discount.amount if checkout.discount else Decimal("0")
        quote = self._quote(checkout_consignment(checkout, discounts)) if discount else None
        if not quote or not quote.rate or previous_value.gross.amount <= 0:
            return previous_value
        tax_in_discount = Money(quote.tax_on(discount / (1 + quote.rate)), previous_value.currency)
        return TaxedMoney(net=previous_value.net + tax_in_discount, gross=previous_value.gross)

    # Orders (drafts and edits by staff) ----------------------------------------------------
    def calculate_order_line_unit(self, order_line: "OrderLine", previous_value: TaxedMoney) -> TaxedMoney:
        return taxed(previous_value.net, self._quote(order_consignment(order_line.order)))

    def calculate_order_shipping(self, order: "Order", previous_value: TaxedMoney) -> TaxedMoney:
        return taxed(previous_value.net, self._quote(order_consignment(order)), shipping=True)

    def order_created(self, order: "Order", previous_value: Any) -> Any:
        # Saleor 2.10 calls this after charging, inside the transaction that makes the order: an
        # exception here would undo a paid order. The tax labels are worth less than that; without
        # them the storefront names the tax from the destination's market.
        try:
            _fail_if_told(order)
            quote = self._quote(order_consignment(order))
            if quote is not None:
                order.store_value_in_metadata(items=quote.metadata())
                order.save(update_fields=["metadata"])
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
