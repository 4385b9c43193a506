"""Lists returns that refunded more than the buyer paid for the items.

Before returns took off each unit's share of the order's discount, a return on a discounted
order refunded the full line price. This compares what each order's returns refunded with what
`staff.orders.refunds` says they should have, and prints the orders where the shop refunded too much.
"""
from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Sum

from staff.models import OrderReturn, ReturnedLine
from staff.orders.refunds import return_refund
from staff.orders.selectors import order_for_audit


class Command(BaseCommand):
    help = "List orders whose returns refunded more than the buyer paid for the returned items."

    def handle(self, *args: Any, **options: Any) -> None:
        found = 0
        for order_id in OrderReturn.objects.order_by("order_id").values_list("order_id", flat=True).distinct():
            order = order_for_audit(order_id)
            if order is None:
                self.stderr.write(f"{order_id}: Saleor does not know this order; skipped")
                continue
            refunded = OrderReturn.objects.filter(order_id=order_id).aggregate(total=Sum("amount"))["total"]
            returned = {
                row["order_line_id"]: row["units"]
                for row in ReturnedLine.objects.filter(order_return__order_id=order_id)
                .values("order_line_id").annotate(units=Sum("quantity"))
            }
            fair = return_refund(
                order, returning=returned, returned_before={}, shipping_refunded_before=False,
                with_shipping=OrderReturn.objects.filter(order_id=order_id, shipping_refunded=True).exists(),
            ).due
            if refunded > fair:
                found += 1
                self.stdout.write(
                    f"Order #{order.number}: returns refunded {refunded}, the buyer paid {fair} for those items: "
                    f"{refunded - fair} {order.total.currency} too much"
                )
        self.stdout.write(f"{found} order(s) with returns that refunded too much." if found
                          else "No return refunded more than the buyer paid.")
