"""qlclawPaymentReleaseHolds: release the card holds of a payment that no order is paid with.

Saleor 2.10.1's paymentVoid voids only the payment's one successful authorization, and only
while the payment is active; an intent whose answer was lost (recorded as a failed attempt)
or one left on an earlier attempt of the same payment is out of its reach.
"""
import graphene
from django.core.exceptions import ValidationError
from saleor.core.permissions import OrderPermissions
from saleor.graphql.core.mutations import BaseMutation
from saleor.graphql.core.types.common import PaymentError
from saleor.graphql.payment.types import Payment
from saleor.payment.error_codes import PaymentErrorCode

from . import stripe_api
from .plugin import release_holds


class QlclawReleasedHold(graphene.ObjectType):
    intent_id = graphene.String(required=True)
    amount = graphene.Float(required=True)
    status = graphene.String(required=True, description="What the intent was doing before it was cancelled.")


class QlclawPaymentReleaseHolds(BaseMutation):
    released = graphene.List(graphene.NonNull(QlclawReleasedHold), required=True)

    class Arguments:
        payment_id = graphene.ID(required=True, description="Payment ID.")

    class Meta:
        description = "Cancels at Stripe every intent of the payment that holds money but pays no order."
        permissions = (OrderPermissions.MANAGE_ORDERS,)
        error_type_class = PaymentError
        error_type_field = "payment_errors"

    @classmethod
    def perform_mutation(cls, _root, info, payment_id):
        payment = cls.get_node_or_error(info, payment_id, field="payment_id", only_type=Payment)
        try:
            released = release_holds(payment)
        except stripe_api.StripeFailure as failure:
            raise ValidationError(str(failure)[:200], code=PaymentErrorCode.PAYMENT_ERROR)
        return cls(released=[QlclawReleasedHold(**hold) for hold in released])
