"""Keeps each GraphQL query text parsed and validated once (see backend.py)."""
default_app_config = "qlclaw_saleor.graphql_documents.apps.GraphQLDocumentsConfig"  # Django 3.0 needs it named
