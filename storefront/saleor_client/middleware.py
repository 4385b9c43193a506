import logging
from typing import Callable, Optional

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from metrics.figures import SHED_RESPONSES

from .errors import SaleorGraphQLError, SaleorUnavailable

logger = logging.getLogger("saleor_client")


class SaleorUnavailableMiddleware:
    """Any view that needs Saleor while it is down answers with the friendly 503 page. So does
    one that Saleor failed with an error of its own (a GraphQL error no view expects, e.g. its
    database connection dropped): the buyer is asked to try again, never shown a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Optional[HttpResponse]:
        if isinstance(exception, SaleorUnavailable):
            logger.error("Saleor unavailable while serving %s: %s", request.path, exception)
            SHED_RESPONSES.labels("saleor_unavailable").inc()
        elif isinstance(exception, SaleorGraphQLError):
            logger.error("Saleor failed while serving %s: %s", request.path, exception, exc_info=exception)
            SHED_RESPONSES.labels("saleor_error").inc()
        else:
            return None
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
