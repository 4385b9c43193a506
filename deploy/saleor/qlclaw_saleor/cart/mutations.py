import re
import uuid
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from saleor.checkout import models
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.graphql.checkout.mutations import CheckoutLinesAdd
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.product.models import ProductVariant
from saleor.warehouse.models import Stock

# str.isdigit() also passes "²" and "١"; Django would then fail to read them as a key.
ASCII_NUMBER = re.compile(r"[0-9]{1,18}\Z")


class QlclawCheckoutLinesAdd(CheckoutLinesAdd):
    """The same arguments, answer and error codes as checkoutLinesAdd, but: an unknown variant
    is NOT_FOUND here (Saleor says GRAPHQL_ERROR), and a line may not grow past
    MAX_CHECKOUT_LINE_QUANTITY (Saleor checks only the units of each add).

    Done here when the checkout has no shipping method and no voucher: then Saleor's follow-up
    work after an add (re-choosing the shipping method, re-pricing the voucher) has nothing to
    do. Otherwise, or for more than one line, Saleor's own mutation does the add.
    """

    class Meta:
        description = (
            "Adds a checkout line to the existing checkout; checkoutLinesAdd in one transaction."
        )
        error_type_class = CheckoutLinesAdd._meta.error_type_class
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(cls, root, info, checkout_id, lines):
        if len(lines) != 1 or lines[0] is None:
            return super().perform_mutation(root, info, checkout_id, lines)
        token = _checkout_token(checkout_id)
        quantity = lines[0]["quantity"]
        with transaction.atomic():
            # Locked lines first, then the cart, as Django deletes them when checkoutComplete
            # turns the cart into an order (the other order could deadlock with it). Two adds
            # to one cart then run one after the other, so neither loses the other's units.
            list(models.CheckoutLine.objects.select_for_update().filter(checkout_id=token).values_list("id"))
            checkout = models.Checkout.objects.select_for_update().filter(token=token).first()
            if checkout is None:
                raise _not_found("checkout_id", checkout_id)
            if checkout.shipping_method_id or checkout.voucher_code or checkout.discount_amount:
                return super().perform_mutation(root, info, checkout_id, lines)
            # Saleor's order of checks: the variant, the units added (limit, stock), publication,
            # then the line's new total.
            variant = _variant(lines[0]["variant_id"])
            _check_quantity(quantity)
            available = _available(variant, checkout.get_country(), quantity)
            if not variant.product.is_published:
                raise ValidationError("Can't add unpublished product.", code=CheckoutErrorCode.PRODUCT_NOT_PUBLISHED)
            line = checkout.lines.filter(variant=variant).first()  # after the lock: sees a line just added
            new_quantity = quantity + (line.quantity if line else 0)
            # Saleor caps only the units of one add; the shop promises at most 50 in a line.
            _check_quantity(new_quantity)
            if variant.track_inventory and new_quantity > available:
                raise ValidationError("Insufficient product stock: %s" % variant,
                                      code=CheckoutErrorCode.INSUFFICIENT_STOCK)
            if line is None and new_quantity > 0:
                models.CheckoutLine.objects.create(checkout=checkout, variant=variant, quantity=new_quantity)
            elif line is not None and quantity:
                line.quantity = new_quantity
                line.save(update_fields=["quantity"])
            # Summed, as Saleor does, so a count changed by another mutation is put right too.
            checkout.quantity = checkout.lines.aggregate(total=Coalesce(Sum("quantity"), 0))["total"]
            checkout.save(update_fields=["quantity", "last_change"])
            # Plugins hear of it once it is committed (one could queue a Celery task).
            transaction.on_commit(partial(info.context.plugins.checkout_quantity_changed, checkout))
        return cls(checkout=checkout)


def _variant(variant_id: str) -> ProductVariant:
    pk = _pk(variant_id, "ProductVariant", "variant_id")
    variant = ProductVariant.objects.select_related("product").filter(pk=pk).first() if ASCII_NUMBER.match(pk) else None
    if variant is None:
        raise _not_found("variant_id", variant_id)
    return variant


def _checkout_token(checkout_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(_pk(checkout_id, "Checkout", "checkout_id"))
    except ValueError:
        raise _not_found("checkout_id", checkout_id)


def _pk(global_id: str, kind: str, field: str) -> str:
    """Saleor's strict id check, but base64 without a colon (or nothing at all) is NOT_FOUND
    too: graphene's decoding raises a bare ValueError there, which Saleor answers with a
    GraphQL error instead of a field error."""
    try:
        return from_global_id_strict_type(global_id, kind, field=field)
    except (ValueError, TypeError):
        raise _not_found(field, global_id)


def _not_found(field: str, global_id: str) -> ValidationError:
    return ValidationError({field: ValidationError(
        "Couldn't resolve to a node: %s" % global_id, code=CheckoutErrorCode.NOT_FOUND)})


def _check_quantity(quantity: int) -> None:
    """Saleor's limits and words (check_lines_quantity)."""
    if quantity < 0:
        raise ValidationError({"quantity": ValidationError(
            "The quantity should be higher than zero.", code=CheckoutErrorCode.ZERO_QUANTITY)})
    if quantity > settings.MAX_CHECKOUT_LINE_QUANTITY:
        raise ValidationError({"quantity": ValidationError(
            "Cannot add more than %d times this item." % settings.MAX_CHECKOUT_LINE_QUANTITY,
            code=CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT)})


def _available(variant: ProductVariant, country: str, quantity: int) -> int:
    """Saleor's stock rule from one query (it sends four): the variant must be stocked in a
    warehouse shipping to the country and, when its inventory is tracked, stock less
    allocations must cover the units added. Returns what is available."""
    figures = Stock.objects.get_variant_stocks_for_country(country, variant).aggregate(
        stocks=Count("id", distinct=True),
        # Saleor's own sums (warehouse/availability.py), so both agree on what is available.
        total=Coalesce(Sum("quantity", distinct=True), 0),
        allocated=Coalesce(Sum("allocations__quantity_allocated"), 0),
    )
    available = max(figures["total"] - figures["allocated"], 0) if figures["stocks"] else 0
    if not figures["stocks"] or (variant.track_inventory and quantity > available):
        raise ValidationError({"quantity": ValidationError(
            "Could not add item %s. Only %d remaining in stock." % (variant.display_product(), available),
            code=CheckoutErrorCode.INSUFFICIENT_STOCK)})
    return available
