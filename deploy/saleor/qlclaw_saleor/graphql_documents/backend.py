"""Parse and validate each GraphQL query text once, not on every request.

Saleor 2.10's view asks graphql-core's default backend for a document on every request, and
that backend parses the text and validates it against the whole schema each time. The
storefront sends the same few dozen texts over and over, so a bounded LRU of documents that
validated cleanly removes both steps from every call (about 2.5 ms of an add to cart).
Validation depends only on the schema and the text (variables are checked when the document
is executed), so a kept document is safe to run again. A text that fails validation, or is
longer than any the storefront sends, is not kept: it goes the usual way each time.
"""
import logging
from functools import partial
from threading import Lock

from cachetools import LRUCache
from graphql.backend import GraphQLCoreBackend
from graphql.execution import ExecutionResult, execute
from graphql.validation import validate

logger = logging.getLogger(__name__)

DOCUMENTS_KEPT = 256  # the storefront uses under 130 texts; the bound is for anything else
LONGEST_TEXT_KEPT = 16_384  # characters; the storefront's longest text is under 4,000


class ValidatedDocumentBackend(GraphQLCoreBackend):
    def __init__(self, maxsize: int = DOCUMENTS_KEPT):
        super().__init__()
        self._documents = LRUCache(maxsize=maxsize)
        self._lock = Lock()  # uWSGI may run threads; LRUCache is not thread-safe

    def document_from_string(self, schema, document_string):
        if not isinstance(document_string, str) or len(document_string) > LONGEST_TEXT_KEPT:
            return super().document_from_string(schema, document_string)
        key = (schema, document_string)
        with self._lock:
            document = self._documents.get(key)
        if document is not None:
            return document
        document = super().document_from_string(schema, document_string)  # raises on bad syntax
        try:
            errors = validate(schema, document.document_ast)
        except Exception:  # the view turns it into a GraphQL error when it executes the document
            logger.exception("Could not validate a GraphQL document; it is not kept")
            return document
        if errors:
            # Not kept; answered with these errors (as graphql-core would), without validating again.
            document.execute = partial(_invalid, errors)
            return document
        document.execute = partial(execute, schema, document.document_ast, **self.execute_params)
        with self._lock:
            self._documents[key] = document
        return document

    def __len__(self) -> int:
        return len(self._documents)


def _invalid(errors, *args, **kwargs) -> ExecutionResult:
    return ExecutionResult(errors=errors, invalid=True)
