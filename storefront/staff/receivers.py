"""Who listens to the staff area's signals (`staff.signals`)."""
from typing import Any

from django.dispatch import receiver

from jobs.queue import defer

from .dashboard.sales import record_order_day
from .dashboard.tiles import forget_tiles
from .orders.selectors import StaffOrder
from .signals import order_changed, stock_changed
from .tasks import index_order_job


@receiver(order_changed)
def refresh_dashboard(sender: type, *, order: StaffOrder, money_moved: bool, **kwargs: Any) -> None:
    if money_moved:
        record_order_day(order.created)
    forget_tiles()


@receiver(order_changed)
def reindex_order(sender: type, *, order: StaffOrder, **kwargs: Any) -> None:
    """What the admin searches by may have changed (tracking, a note, a status): index it again.
    Queued at once, in the sender's transaction if any: the signal is sent after the commit, and
    a second on_commit would only open a gap where a crash loses the job."""
    defer(index_order_job, order_id=order.id)


@receiver(stock_changed)
def forget_stock_tile(sender: type, **kwargs: Any) -> None:
    forget_tiles()
