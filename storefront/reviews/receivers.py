"""The review request is scheduled when the staff area ships an order (`staff.signals`)."""
from typing import Any

from django.dispatch import receiver

from staff.signals import order_shipped

from .services import schedule_review_request


@receiver(order_shipped)
def request_a_review_later(sender: type, *, order_token: str, **kwargs: Any) -> None:
    """Once per order, REVIEW_REQUEST_DAYS_AFTER_SHIPPING days after its first parcel left."""
    schedule_review_request(order_token=str(order_token))
