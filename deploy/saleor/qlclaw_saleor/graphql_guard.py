"""A guard in front of Saleor's GraphQL resolvers: what the storefront never sends is refused
before graphene parses, plans or resolves anything.

Saleor 2.10.1 answers a JSON batch of any length, any number of aliases of an expensive field
(CVE-2026-33756, CVE-2026-35401: 1,000 queries or 500 aliases of products(first: 100) in one
request took 4.5 s here), introspection for anyone, and multipart uploads that Django 3.0's
parser mishandles. The storefront sends one operation per
request, with at most a few aliases, a few levels deep, and never introspects.
"""
import json
from typing import Dict, NamedTuple, Optional, Set

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
    if request.content_type == "multipart/form-data" and not getattr(settings, "GRAPHQL_UPLOADS", False):
        # The storefront never uploads through Saleor; refusing before Django parses the parts
        # keeps its multipart parser (CVE-2022-23833, CVE-2023-24580 in Django 3.0) out of reach.
        _drain(request)
        raise Refused("File uploads are not accepted", status=415)
    if request.content_type != "application/json":
        # Saleor also runs queries sent as application/graphql or as a form's `query` field;
        # only JSON is measured here, so only JSON is let through.
        _drain(request)
        raise Refused("Send GraphQL queries as application/json", status=415)
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
    cost = measure(document)
    if cost.depth > MAX_DEPTH:
        raise Refused(f"Query nested more than {MAX_DEPTH} levels deep")
    if cost.aliases > MAX_ALIASES:
        raise Refused(f"More than {MAX_ALIASES} aliases in one request")
    if cost.fields > MAX_FIELDS:
        raise Refused(f"More than {MAX_FIELDS} fields in one request")
    if not getattr(settings, "GRAPHQL_INTROSPECTION", False) and cost.introspection:
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


class Cost(NamedTuple):
    fields: int = 0
    aliases: int = 0
    depth: int = 0
    introspection: bool = False

    def beside(self, other: "Cost") -> "Cost":
        return Cost(self.fields + other.fields, self.aliases + other.aliases, max(self.depth, other.depth),
                    self.introspection or other.introspection)


def measure(document: ast.Document) -> Cost:
    """What executing the document would touch: every fragment counted each time it is spread
    (ten spreads of a fragment with 20 aliases are 200 aliases), so fragments cannot hide a flood.
    Each fragment is measured once and its cost reused, so even a fragment that spreads another
    ten times, ten levels down, is counted in linear time (the total may be astronomical; the
    limits still compare it)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, ast.FragmentDefinition)}
    measured: Dict[str, Cost] = {}
    open_spreads: Set[str] = set()

    def of_fragment(name: str) -> Cost:
        if name in measured:
            return measured[name]
        if name in open_spreads:
            raise Refused(f"Fragment {name} spreads itself")
        if name not in fragments:
            return Cost()  # Saleor answers the unknown fragment itself
        open_spreads.add(name)
        measured[name] = of_selections(fragments[name].selection_set)
        open_spreads.discard(name)
        return measured[name]

    def of_selections(selection_set: Optional[ast.SelectionSet]) -> Cost:
        total = Cost()
        for selection in selection_set.selections if selection_set is not None else ():
            if isinstance(selection, ast.Field):
                below = of_selections(selection.selection_set)
                total = total.beside(Cost(
                    below.fields + 1,
                    below.aliases + (selection.alias is not None),
                    below.depth + 1,
                    below.introspection or selection.name.value in ("__schema", "__type"),
                ))
            elif isinstance(selection, ast.FragmentSpread):
                total = total.beside(of_fragment(selection.name.value))
            elif isinstance(selection, ast.InlineFragment):
                total = total.beside(of_selections(selection.selection_set))
        return total

    operations = Cost()
    for definition in document.definitions:
        if isinstance(definition, ast.OperationDefinition):
            operations = operations.beside(of_selections(definition.selection_set))
    return operations
