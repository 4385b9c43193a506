from django.apps import AppConfig
from graphql.backend import set_default_backend


class GraphQLDocumentsConfig(AppConfig):
    name = "qlclaw_saleor.graphql_documents"
    label = "qlclaw_graphql_documents"

    def ready(self) -> None:
        from .backend import ValidatedDocumentBackend

        # Saleor's GraphQLView takes graphql-core's default backend when it is built per request.
        set_default_backend(ValidatedDocumentBackend())
