"""Parse and validate each GraphQL query text once, not on every request.

Saleor 2.10's view asks graphql-core's default backend for a document on every request, and
that backend parses the text and validates it against the whole schema each time. The
storefront sends the same few dozen texts over and over, so a bounded LRU of documents that
validated cleanly removes both steps from every call (about 2.5 ms of an add to cart). A text
that fails validation is not kept: it goes the usual way and gets its errors each time.
"""
from functools import partial
from threading import Lock

from cachetools import LRUCache
from graphql.backend import GraphQLCoreBackend
from graphql.execution import execute
from graphql.validation import validate

DOCUMENTS_KEPT = 256  # the storefront uses under 60 texts; the bound is for anything else


class ValidatedDocumentBackend(GraphQLCoreBackend):
    def __init__(self, maxsize: int = DOCUMENTS_KEPT):
        super().__init__()
        self._documents = LRUCache(maxsize=maxsize)
        self._lock = Lock()  # uWSGI may run threads; LRUCache is not thread-safe

    def document_from_string(self, schema, document_string):
        if not isinstance(document_string, str):
            return super().document_from_string(schema, document_string)
        key = (schema, document_string)
        with self._lock:
            document = self._documents.get(key)
        if document is not None:
            return document
        document = super().document_from_string(schema, document_string)  # raises on bad syntax
        if validate(schema, document.document_ast):
            return document  # executes through validation again and answers with the errors
        # Validation depends only on the schema and the text: execute without repeating it.
        document.execute = partial(execute, schema, document.document_ast, **self.execute_params)
        with self._lock:
            self._documents[key] = document
        return document

    def __len__(self) -> int:
        return len(self._documents)
