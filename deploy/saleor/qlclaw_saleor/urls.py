"""Saleor's URLs, with /graphql/ answering from the schema that has the shop's own mutation."""
from django.conf.urls import url
from django.views.decorators.csrf import csrf_exempt
from saleor.graphql.views import GraphQLView
from saleor.urls import urlpatterns as saleor_urlpatterns

from .cart.schema import schema

urlpatterns = [
    url(r"^graphql/", csrf_exempt(GraphQLView.as_view(schema=schema)), name="api"),
    *[pattern for pattern in saleor_urlpatterns if getattr(pattern, "name", None) != "api"],
]
