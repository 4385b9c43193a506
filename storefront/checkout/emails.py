"""The order confirmation e-mail, sent by the storefront over SMTP (EMAIL_URL).

Saleor 2.10.1's own e-mails have no templates in the wheel and fail quietly, so the shop
sends its buyer e-mails itself.
"""
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from orders.selectors import order_by_token

from .models import CheckoutAttempt

logger = logging.getLogger(__name__)


def send_order_confirmation(attempt: CheckoutAttempt) -> None:
    if attempt.confirmation_sent or not attempt.order_token:
        return
    order = order_by_token(str(attempt.order_token))
    if order is None or not order.email:
        logger.error("Order %s not found for its confirmation e-mail", attempt.order_token)
        return
    context = {"order": order, "status_url": f"{settings.SHOP_BASE_URL}/orders/{order.token}/"}
    message = EmailMultiAlternatives(
        subject=f"Your QL Claw order {order.number}",
        body=render_to_string("checkout/email/order_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.email],
    )
    message.attach_alternative(render_to_string("checkout/email/order_confirmation.html", context), "text/html")
    message.send()
    attempt.confirmation_sent = True
    attempt.save(update_fields=["confirmation_sent", "updated"])
