from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings

from orders.selectors import Order
from staff.orders.selectors import StaffOrder

from ..selectors import withdrawals_to_refund
from ..services import shop_today, withdrawal_for

register = template.Library()


@register.inclusion_tag("withdrawals/_order_box.html")
def withdrawal_box(order: Order) -> dict[str, Any]:
    """On the buyer's order page: the withdrawal button, or the withdrawal already received."""
    return {"order": order, "withdrawal": withdrawal_for(order.token)}


@register.inclusion_tag("withdrawals/_staff_order.html", takes_context=True)
def staff_withdrawal(context: template.Context, order: StaffOrder) -> dict[str, Any]:
    """On the staff order page: the withdrawal, when it was received and the refund's deadline,
    or a button to record one the buyer sent another way."""
    zone = ZoneInfo(settings.SHOP_TIME_ZONE)
    return {"order": order, "withdrawal": withdrawal_for(order.token), "shop_time_zone": settings.SHOP_TIME_ZONE,
            "csrf_token": context.get("csrf_token"), "today": shop_today(),
            "order_day": order.created.astimezone(zone).date() if order.created else None}


@register.inclusion_tag("withdrawals/_dashboard_tile.html")
def recent_withdrawals() -> dict[str, Any]:
    """On the staff dashboard: withdrawals whose refund deadline has not passed long ago."""
    return {"withdrawals": withdrawals_to_refund(), "shop_time_zone": settings.SHOP_TIME_ZONE}
