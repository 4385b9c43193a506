"""A guard in front of Saleor's GraphQL resolvers: what the storefront never sends is refused
before graphene parses, plans or resolves anything.

Saleor 2.10.1 answers a JSON batch of any length, any number of aliases of an expensive field
(CVE-2026-33756, CVE-2026-35401: 1,000 queries or 500 aliases of products(first: 100) in one
request took 4.5 s here) and introspection for anyone. The storefront sends one operation per
request, with at most a few aliases, a few levels deep, and never introspects.
"""
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from graphql import parse
from graphql.error import GraphQLSyntaxError
from graphql.language import ast

MAX_BODY_BYTES = int(getattr(settings, "GRAPHQL_MAX_BODY_BYTES", 64 * 1024))
MAX_ALIASES = int(getattr(settings, "GRAPHQL_MAX_ALIASES", 20))
MAX_DEPTH = int(getattr(settings, "GRAPHQL_MAX_DEPTH", 12))
MAX_FIELDS = int(getattr(settings, "GRAPHQL_MAX_FIELDS", 500))


class Refused(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class GraphQLGuardMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path.startswith("/graphql"):
            try:
                _check(request)
            except Refused as refused:
                return JsonResponse({"errors": [{"message": str(refused)}]}, status=refused.status)
        return self.get_response(request)


def _check(request: HttpRequest) -> None:
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAX_BODY_BYTES:
        _drain(request)
        raise Refused(f"Request body over {MAX_BODY_BYTES} bytes", status=413)
    if not request.content_type == "application/json":
        return  # multipart (file uploads): Saleor's own parsing, within the size limit
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return  # Saleor answers malformed JSON itself
    if isinstance(body, list):
        raise Refused("Batched queries are not accepted: send one operation per request")
    query = body.get("query") if isinstance(body, dict) else None
    if not isinstance(query, str):
        return
    try:
        document = parse(query)
    except GraphQLSyntaxError:
        return  # Saleor answers with the syntax error
    counts = {"aliases": 0, "fields": 0}
    for definition in document.definitions:
        _walk(getattr(definition, "selection_set", None), 1, counts)
    if counts["aliases"] > MAX_ALIASES:
        raise Refused(f"More than {MAX_ALIASES} aliases in one request")
    if counts["fields"] > MAX_FIELDS:
        raise Refused(f"More than {MAX_FIELDS} fields in one request")
    if not getattr(settings, "GRAPHQL_INTROSPECTION", False) and counts.get("introspection"):
        raise Refused("Introspection is off")


def _drain(request: HttpRequest, limit: int = 4 * 1024 * 1024) -> None:
    """uWSGI resets a connection whose body was not read: read (and drop) a few MB, so the
    caller gets the 413; a larger body only gets the reset."""
    read = 0
    while read < limit:
        chunk = request.read(64 * 1024)
        if not chunk:
            return
        read += len(chunk)


def _walk(selection_set, depth: int, counts: dict) -> None:
    if selection_set is None:
        return
    if depth > MAX_DEPTH:
        raise Refused(f"Query nested more than {MAX_DEPTH} levels deep")
    for selection in selection_set.selections:
        if isinstance(selection, ast.Field):
            counts["fields"] += 1
            if selection.alias is not None:
                counts["aliases"] += 1
            if selection.name.value in ("__schema", "__type"):
                counts["introspection"] = True
        _walk(getattr(selection, "selection_set", None), depth + 1, counts)
