"""Saleor's schema with the shop's own mutations added; served by qlclaw_saleor.urls."""
import graphene
from graphene_federation import build_schema
from saleor.graphql.api import Mutation as SaleorMutation
from saleor.graphql.api import Query

from ..stripe_gateway.mutations import QlclawPaymentReleaseHolds
from .mutations import QlclawCheckoutLinesAdd


class Mutation(SaleorMutation):
    qlclaw_checkout_lines_add = QlclawCheckoutLinesAdd.Field()
    qlclaw_payment_release_holds = QlclawPaymentReleaseHolds.Field()


schema: graphene.Schema = build_schema(Query, mutation=Mutation)
