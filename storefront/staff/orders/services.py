"""The shop admin's actions, each through Saleor's own mutation (order events, stock and the
payment gateway included) with the admin's own token, under a per-order lock so a double
submission runs one at a time."""
from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from core.locks import order_lock, stock_lock
from markets.selectors import tax_reversed
from markets.services import record_tax_reversal
from orders.services import queue_order_email
from saleor_client.client import StaffSaleorClient, saleor_as_staff
from saleor_client.errors import SaleorError, SaleorNotReached, SaleorUnavailable, present
from saleor_client.generated.input_types import MetadataInput, OrderFulfillLineInput, OrderFulfillStockInput
from shipping.carriers import CARRIER_KEY, CARRIERS, Carrier, carrier_named
from withdrawals.services import withdrawal_for

from ..errors import StaffActionError, checked
from ..models import OrderReturn, ReturnedLine, StaffSession
from ..signals import order_changed, order_shipped
from .refunds import RefundBreakdown, refund_tax, return_refund
from .selectors import OrderLine, StaffOrder, order_detail, order_id_for_number

logger = logging.getLogger(__name__)


NO_STOCK_PERMISSION = ("Shipping and restocking need the permission to manage products: Saleor shows the "
                       "warehouse stock only with it. Ask the shop's admin.")


def _changed(order: StaffOrder, *, money_moved: bool = False) -> None:
    """Tell the rest of the staff area (dashboard tiles and sales, the search index) that an
    order changed, once the transaction it changed in has committed."""
    transaction.on_commit(lambda: order_changed.send(sender=StaffOrder, order=order, money_moved=money_moved))


def _order(staff: StaffSession, order_id: str) -> StaffOrder:
    order = order_detail(staff, order_id)
    if order is None:
        raise StaffActionError("There is no such order.")
    return order


def fulfil(
    *, staff: StaffSession, order: StaffOrder, carrier: Carrier, tracking_number: str, quantities: dict[str, int]
) -> Carrier:
    """Ship the given quantity of each line with a carrier and its tracking number (none for
    letter mail), and e-mail the customer the carrier's tracking link. `order` is as the admin
    saw it: a line shipped from another tab meanwhile is refused by Saleor, which counts again."""
    client = saleor_as_staff(staff)
    order_id = order.id
    with order_lock(order_id):
        if not order.warehouses_known:
            raise StaffActionError(NO_STOCK_PERMISSION)
        lines = []
        for line in order.lines:
            wanted = quantities.get(line.id, 0)
            if wanted > line.not_shipped:
                raise StaffActionError(
                    f"You can't ship {wanted} of {line.product_name}: only {line.not_shipped} not shipped yet."
                )
            if wanted > 0:
                lines.append(OrderFulfillLineInput(
                    order_line_id=line.id, stocks=[OrderFulfillStockInput(quantity=wanted, warehouse=line.warehouse_id)],
                ))
        if not lines:
            raise StaffActionError("Nothing to ship: everything has been shipped, or all quantities are 0.")
        if carrier.tracked and not tracking_number:
            raise StaffActionError(f"Enter the {carrier.name} tracking number, or choose letter mail (no tracking).")
        with ExitStack() as locks:
            # Shipping lowers the stock on the shelf: not while a restock reads and writes it.
            for variant_id in sorted({line.variant_id for line in order.lines if quantities.get(line.id)}):
                locks.enter_context(stock_lock(variant_id))
            result = present(client.staff_fulfil(order=order_id, lines=lines).order_fulfill)
        checked(result.order_errors, "Fulfilment")
        fulfillment_id = present((result.fulfillments or [None])[-1], "shipment").id
        # The parcel has left: the buyer hears of it even if recording the carrier fails below.
        queue_order_email(order_token=order.token, kind="shipped", key=fulfillment_id,
                          details={"tracking_number": tracking_number, "carrier": carrier.code})
        order_shipped.send(sender=StaffOrder, order_token=order.token)
        _record_shipment(client, fulfillment_id, carrier=carrier, tracking_number=tracking_number)
    _changed(order)
    return carrier


@dataclass(frozen=True)
class PlannedShipment:
    order: StaffOrder
    carrier: Carrier
    tracking_number: str


@dataclass(frozen=True)
class BulkShipping:
    shipped: tuple[str, ...]  # order numbers
    failed: tuple[str, ...]  # "#12: why", for orders Saleor refused after the check


class BulkShippingRefused(StaffActionError):
    """Rows that cannot ship, each named; nothing was shipped."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def plan_shipments(*, staff: StaffSession, rows: list[tuple[str, str, str]]) -> list[PlannedShipment]:
    """Check every (order number or id, carrier, tracking number) row before anything ships: an
    unknown order or carrier, a missing tracking number or an order with nothing left to ship
    is refused with every such row named, and then nothing ships."""
    plans, problems, seen = [], [], set()
    for row_number, (reference, carrier_text, tracking_number) in enumerate(rows, start=1):
        where = f"Row {row_number}"
        order_id = order_id_for_number(reference) or reference.strip()
        order = order_detail(staff, order_id) if order_id else None
        carrier = carrier_named(carrier_text)
        if order is None:
            problems.append(f"{where}: there is no order {reference.strip() or '(empty)'}.")
        elif order.id in seen:
            problems.append(f"{where}: order #{order.number} is listed twice.")
        elif not order.left_to_ship or order.is_canceled:
            problems.append(f"{where}: order #{order.number} has nothing left to ship.")
        if order is not None:
            seen.add(order.id)
        if carrier is None:
            known = ", ".join(known.name for known in CARRIERS.values())
            problems.append(f"{where}: unknown carrier “{carrier_text.strip()}” (use one of: {known}).")
        elif carrier.tracked and not tracking_number.strip():
            problems.append(f"{where}: enter the {carrier.name} tracking number, or choose letter mail (no tracking).")
        if order is not None and carrier is not None:
            plans.append(PlannedShipment(order=order, carrier=carrier,
                                         tracking_number=tracking_number.strip() if carrier.tracked else ""))
    if problems:
        raise BulkShippingRefused(problems)
    if not plans:
        raise BulkShippingRefused(["There is nothing to ship: no orders were given."])
    return plans


def ship_all(*, staff: StaffSession, plans: list[PlannedShipment]) -> BulkShipping:
    """Ship everything left on each planned order. One refused by Saleor (shipped from another
    tab meanwhile, say) is reported and the others still ship: a parcel cannot be un-shipped."""
    shipped, failed = [], []
    for plan in plans:
        try:
            fulfil(staff=staff, order=plan.order, carrier=plan.carrier, tracking_number=plan.tracking_number,
                   quantities=plan.order.left_to_ship)
            shipped.append(plan.order.number)
        except (StaffActionError, SaleorError) as error:
            logger.warning("Bulk shipping of order %s failed: %s", plan.order.number, error)
            failed.append(f"#{plan.order.number}: {error}")
    return BulkShipping(shipped=tuple(shipped), failed=tuple(failed))


def _record_shipment(client: StaffSaleorClient, fulfillment_id: str, *, carrier: Carrier, tracking_number: str) -> None:
    carried = present(client.staff_set_shipment_metadata(
        id=fulfillment_id, input=[MetadataInput(key=CARRIER_KEY, value=carrier.code)]
    ).update_metadata)
    checked(carried.metadata_errors, "Saving the carrier")
    if tracking_number:
        tracking = present(client.staff_update_tracking(
            id=fulfillment_id, tracking_number=tracking_number
        ).order_fulfillment_update_tracking)
        checked(tracking.order_errors, "Saving the tracking number")


def _market_code(order: StaffOrder) -> str:
    return order.tax_line.market.code if order.tax_line and order.tax_line.market else ""


def _record_refund_tax(order: StaffOrder, amount: Decimal) -> None:
    """An amount-only refund reverses its share of the order's tax, never more than is left."""
    left = order.tax.amount - tax_reversed(order.id)
    tax = min(refund_tax(tax=order.tax.amount, total=order.total.amount, amount=amount), left)
    record_tax_reversal(order_id=order.id, market=_market_code(order), amount=tax, currency=order.tax.currency,
                        refunded=amount)


def refund(*, staff: StaffSession, order_id: str, amount: Decimal, captured_seen: Decimal) -> None:
    """Refund `amount` of what was captured. `captured_seen` is what the admin's page showed as
    captured: if it changed, a refund went through meanwhile (another tab, or this one whose
    answer was lost), so this one is refused rather than paid out twice."""
    with order_lock(order_id):
        order = _order(staff, order_id)
        if order.captured.amount != captured_seen:
            raise StaffActionError(
                f"{order.captured.amount} is captured now, not the {captured_seen} your page showed: a refund went "
                "through meanwhile (perhaps this one). Check the payments below before refunding again."
            )
        if amount > order.captured.amount:
            raise StaffActionError(f"You can refund at most {order.captured.amount} (what was captured).")
        result = present(saleor_as_staff(staff).order_refund(order_id=order_id, amount=amount).order_refund)
        checked(result.order_errors, "Refund")
        _record_refund_tax(order, amount)
        # Keyed by what was captured before: the same refund submitted twice is one e-mail.
        queue_order_email(order_token=order.token, kind="refunded", key=f"{order.captured.amount}-{amount}",
                          details={"amount": str(amount)})
    _changed(order, money_moved=True)


def cancel(*, staff: StaffSession, order_id: str) -> Decimal:
    """Cancel (Saleor releases the stock); a captured payment is refunded in full first."""
    client = saleor_as_staff(staff)
    with order_lock(order_id):
        order = _order(staff, order_id)
        if order.is_canceled:
            raise StaffActionError("This order is already canceled.")
        if order.has_shipped_anything:
            raise StaffActionError("Part of this order has shipped: refund what should be refunded instead of canceling.")
        refunded = order.captured.amount
        if refunded > 0:
            refunding = present(client.order_refund(order_id=order_id, amount=refunded).order_refund)
            checked(refunding.order_errors, "Refunding before canceling")
            _record_refund_tax(order, refunded)
        try:
            result = present(client.staff_cancel(id=order_id).order_cancel)
            checked(result.order_errors, "Cancel")
        except (SaleorError, StaffActionError):
            if refunded > 0:
                # The money went back even though the order stays open: the buyer hears of it.
                queue_order_email(order_token=order.token, kind="refunded", key=f"{refunded}-{refunded}",
                                  details={"amount": str(refunded)})
                _changed(order, money_moved=True)
            raise
        queue_order_email(order_token=order.token, kind="cancelled", details={"refunded": str(refunded)})
    _changed(order, money_moved=True)
    return refunded


def add_note(*, staff: StaffSession, order: StaffOrder, message: str) -> None:
    result = present(saleor_as_staff(staff).staff_add_note(order=order.id, message=message).order_add_note)
    checked(result.order_errors, "Adding the note")
    _changed(order)


def capture(*, staff: StaffSession, order_id: str) -> Decimal:
    """Capture what is authorized and not yet captured."""
    with order_lock(order_id):
        order = _order(staff, order_id)
        if not order.can_capture:
            raise StaffActionError("There is nothing left to capture on this order.")
        to_capture = order.left_to_capture
        result = present(saleor_as_staff(staff).order_capture(order_id=order_id, amount=to_capture).order_capture)
        checked(result.order_errors, "Capture")
    _changed(order, money_moved=True)
    return to_capture


def change_tracking(
    *, staff: StaffSession, order: StaffOrder, fulfillment_id: str, carrier: Carrier, tracking_number: str
) -> None:
    if fulfillment_id not in {shipment.id for shipment in order.shipments}:
        raise StaffActionError("That shipment is not part of this order.")
    if carrier.tracked and not tracking_number:
        raise StaffActionError(f"Enter the {carrier.name} tracking number, or choose letter mail (no tracking).")
    _record_shipment(saleor_as_staff(staff), fulfillment_id, carrier=carrier, tracking_number=tracking_number)
    _changed(order)


def returned_quantities(order_id: str) -> dict[str, int]:
    """Per order line, how many have been returned (and refunded) already."""
    rows = ReturnedLine.objects.filter(order_return__order_id=order_id).values("order_line_id").annotate(n=Sum("quantity"))
    return {row["order_line_id"]: row["n"] for row in rows}


def _picked(order: StaffOrder, quantities: dict[str, int], returned: dict[str, int]) -> list[tuple[OrderLine, int]]:
    """The lines and counts coming back, each at most what was shipped and not returned yet."""
    picked: list[tuple[OrderLine, int]] = []
    for line in order.lines:
        wanted = quantities.get(line.id, 0)
        returnable = line.quantity_fulfilled - returned.get(line.id, 0)
        if wanted > returnable:
            raise StaffActionError(
                f"You can't return {wanted} of {line.product_name}: {returnable} shipped and not returned yet."
            )
        if wanted > 0:
            picked.append((line, wanted))
    if not picked:
        raise StaffActionError("Enter how many of each item came back.")
    return picked


def shipping_refunded(order_id: str) -> bool:
    return OrderReturn.objects.filter(order_id=order_id, shipping_refunded=True).exists()


def _return_breakdown(order: StaffOrder, picked: list[tuple[OrderLine, int]], returned: dict[str, int],
                      *, refund_shipping: bool) -> RefundBreakdown:
    breakdown = return_refund(
        order, returning={line.id: count for line, count in picked}, returned_before=returned,
        # A withdrawal refunds the delivery paid too (Art. 13(1) CRD), whatever the admin ticked.
        with_shipping=refund_shipping or withdrawal_for(order.token) is not None,
        shipping_refunded_before=shipping_refunded(order.id),
    )
    if breakdown.amount <= 0:
        raise StaffActionError("Nothing is left captured on this order to refund.")
    return breakdown


def preview_return(order: StaffOrder, quantities: dict[str, int], *, refund_shipping: bool) -> RefundBreakdown:
    """What `return_lines` would refund for these items now, for the admin to confirm."""
    returned = returned_quantities(order.id)
    return _return_breakdown(order, _picked(order, quantities, returned), returned, refund_shipping=refund_shipping)


def return_lines(
    *, staff: StaffSession, order: StaffOrder, quantities: dict[str, int], restock: bool, reason: str,
    refund_shipping: bool = False, message_to_buyer: str = "",
) -> tuple[RefundBreakdown, list[str]]:
    """Refund returned items by line (what the buyer paid for them: their price less their
    share of the order's discount, `staff.orders.refunds`), the shipping too when chosen, optionally
    put them back in stock, and note the reason on the order; the buyer is e-mailed the refund
    (with `message_to_buyer`). Returns the refund and any warnings (a restock that failed after
    the money moved). `order` is as the admin saw it; what was returned already is counted again
    under the order's lock, so the same items are never refunded twice."""
    client = saleor_as_staff(staff)
    order_id = order.id
    with order_lock(order_id):
        returned = returned_quantities(order_id)
        picked = _picked(order, quantities, returned)
        breakdown = _return_breakdown(order, picked, returned, refund_shipping=refund_shipping)
        amount = breakdown.amount
        # Committed before Saleor is asked to refund, so these items can never be refunded
        # twice: a refund Saleor refuses takes the record back; one whose outcome is unknown
        # keeps it, and the admin is told to look before refunding by hand.
        with transaction.atomic():
            record = OrderReturn.objects.create(order_id=order_id, amount=amount, currency=order.total.currency,
                                                reason=reason, staff_email=staff.email,
                                                shipping_refunded=breakdown.shipping > 0)
            ReturnedLine.objects.bulk_create(
                [ReturnedLine(order_return=record, order_line_id=line.id, quantity=count) for line, count in picked]
            )
            # Never more tax back than is left of what the order collected (an earlier amount-only
            # refund may have taken its share already); read under the order's lock.
            tax_left = max(order.tax.amount - tax_reversed(order_id), Decimal("0"))
            record_tax_reversal(order_id=order_id, market=_market_code(order), amount=min(breakdown.tax, tax_left),
                                currency=order.tax.currency, refunded=amount, order_return_id=record.pk)
        try:
            result = present(client.order_refund(order_id=order_id, amount=amount).order_refund)
            checked(result.order_errors, "Refund")
        except SaleorNotReached:
            record.delete()  # Saleor never saw the refund: nothing happened, the admin may try again
            raise
        except SaleorUnavailable as error:
            logger.error("Return %s on %s: refund outcome unknown: %s", record.pk, order_id, error)
            raise StaffActionError(
                "Saleor did not answer in time, so the refund may or may not have gone through. The items are "
                "recorded as returned; check the order's payments before refunding anything by hand."
            ) from error
        except (SaleorError, StaffActionError):
            record.delete()
            raise
        # The money has moved: nothing from here on may undo the record.
        warnings = []
        if restock:
            try:
                _restock(client, picked)
                record.restocked = True
                record.save(update_fields=["restocked"])
            except (SaleorError, StaffActionError) as error:
                logger.warning("Return %s on %s: restock failed: %s", record.pk, order_id, error)
                warnings.append("The refund went through, but putting the items back in stock failed: set the stock by hand.")
        items = ", ".join(f"{count} × {line.product_name}" for line, count in picked)
        parts = [f"items {breakdown.items}"]
        if breakdown.discount_share:
            parts.append(f"less their discount share {breakdown.discount_share}")
        if breakdown.shipping:
            parts.append(f"plus shipping {breakdown.shipping}")
        if breakdown.tax:
            parts.append(f"tax reversed {breakdown.tax}")
        worked_out = f" ({', '.join(parts)})" if len(parts) > 1 else ""
        note = f"Returned {items}{', put back in stock' if record.restocked else ''}; refunded {amount}{worked_out}: {reason}"
        try:
            add_note(staff=staff, order=order, message=note)
        except (SaleorError, StaffActionError) as error:
            logger.warning("Return %s on %s: note not added: %s", record.pk, order_id, error)
        queue_order_email(order_token=order.token, kind="refunded", key=f"return-{record.pk}", details={
            "amount": str(amount), "items": str(breakdown.items), "discount_share": str(breakdown.discount_share),
            "shipping": str(breakdown.shipping), "reason": message_to_buyer,
        })
    _changed(order, money_moved=True)
    return breakdown, warnings


def _restock(client: StaffSaleorClient, picked: list[tuple[OrderLine, int]]) -> None:
    """Saleor 2.10 sets stock to an absolute quantity: read it and add, under the stock lock."""
    for line, count in picked:
        if not line.warehouse_id:
            raise StaffActionError(NO_STOCK_PERMISSION)
        if not line.variant_id:
            raise StaffActionError(f"{line.product_name} is no longer in the catalog.")
        with stock_lock(line.variant_id):
            variant = client.staff_variant_stock(id=line.variant_id).product_variant
            stock = next((s for s in (variant.stocks or []) if s and s.warehouse.id == line.warehouse_id), None) if variant else None
            if stock is None:
                raise StaffActionError(f"{line.product_name} has no stock record to add to.")
            result = present(client.staff_set_stock(
                variant_id=line.variant_id, warehouse_id=line.warehouse_id, quantity=stock.quantity + count
            ).product_variant_stocks_update)
            checked(result.bulk_stock_errors, "Restocking")
